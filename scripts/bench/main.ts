// `npm run bench -- [--exams N | --curve N1,N2,...] [--out FILE] [--rounds R] [--preview-repeats R] [--skip-checkpoints]`
// Measures, side by side in one run, what pulumi-proctor costs over the floor
// Pulumi itself sets (at each catalogue size of a curve), the client against
// bare HTTP, a naive sync against `pulumi up`, state size, memory, and loading
// a 10,000-exam catalogue without Pulumi; prints tables and writes them as
// JSON, and a curve's chart as SVG beside the JSON.
// Loopback only; every Pulumi run has a deadline, so the bench always ends.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { requestBody } from "../../provider/exam/body";
import { validateExam } from "../../provider/exam/schema";
import { generatedExams, withOneChanged, writeCatalogue } from "../lib/generated-exams";
import { REPO_ROOT } from "../lib/pulumi-stack";
import { benchCatalogue } from "./catalogue";
import { curveChart } from "./chart";
import { benchClient } from "./client";
import { spawnEmulator, type BenchEmulator } from "./emulator";
import { installFloorProvider } from "./floor";
import { benchPulumi } from "./pulumi";
import { pulumiGoals, runGoals } from "./goals";
import { findingsOf, renderReport, type BenchPoint, type BenchResult } from "./report";

const FLOOR =
  "scripts/bench/noop: the same program (the same N resources, names and inputs, read from the same JSON file) " +
  "with a no-op dynamic provider (check returns its inputs, diff leaves changes to the engine, create/update return " +
  "the inputs as outputs, nothing is sent). The bench installs it as node_modules/pulumi-proctor-noop, as " +
  "pulumi-proctor is installed, so its serialized provider is also a single require() loaded the same way; " +
  "the difference is our provider's own work (validation, signing, HTTP, loading its package) and the state it writes.";

function options() {
  const { values } = parseArgs({
    options: {
      exams: { type: "string", default: "1000" },
      curve: { type: "string" },
      out: { type: "string" },
      rounds: { type: "string", default: "3" },
      "preview-repeats": { type: "string", default: "3" },
      "skip-checkpoints": { type: "boolean", default: false },
      "run-timeout-minutes": { type: "string", default: "30" },
    },
    strict: true,
  });
  const positive = (name: string, text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1 (got "${text}")`);
    return n;
  };
  const sizes = values.curve === undefined ? [positive("exams", values.exams)] : values.curve.split(",").map((n) => positive("curve", n.trim()));
  return {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    // A curve always keeps its figures: the chart is drawn beside them.
    out: values.out ?? (values.curve === undefined ? undefined : "bench-curve.json"),
    rounds: positive("rounds", values.rounds),
    previewRepeats: positive("preview-repeats", values["preview-repeats"]),
    skipCheckpoints: values["skip-checkpoints"],
    runTimeoutMs: positive("run-timeout-minutes", values["run-timeout-minutes"]) * 60_000,
  };
}

const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

/** Runs the naive sync as its own process, as cron would, and counts what reached the server. */
async function naiveSync(emulator: BenchEmulator, examsFile: string): Promise<{ requests: number; seconds: number }> {
  const before = (await emulator.requests()).length;
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "dist", "scripts", "bench", "naive-sync.js"), examsFile], {
      env: { ...process.env, PROCTOR_URL: emulator.url, PROCTOR_INTEGRATION_NAME: emulator.integration, PROCTOR_JWT_SECRET: emulator.secret },
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the naive sync exited with ${code}`))));
  });
  const seconds = (performance.now() - started) / 1000;
  return { requests: (await emulator.requests()).length - before, seconds };
}

async function main(): Promise<void> {
  const opts = options();
  const started = performance.now();
  const scratch = await mkdtemp(path.join(tmpdir(), "proctor-bench-"));
  const uninstallFloor = await installFloorProvider();
  const emulator = await spawnEmulator("bench", randomBytes(16).toString("hex"));
  try {
    const points: BenchPoint[] = [];
    for (const size of opts.sizes) {
      const exams = generatedExams(size, "bench");
      const examsFile = await writeCatalogue(exams, scratch, `exams-${size}`);
      const changedFile = await writeCatalogue(withOneChanged(exams), scratch, `one-changed-${size}`);
      log(`${size} exams; emulator at ${emulator.url}; floor and ours alternate within each phase`);
      await emulator.reset();
      const pulumi = await benchPulumi({
        exams: size,
        examsFile,
        changedFile,
        emulator,
        env: opts.skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {},
        runTimeoutMs: opts.runTimeoutMs,
        previewRepeats: opts.previewRepeats,
        log,
      });
      log("naive sync…");
      const naive = await naiveSync(emulator, examsFile);
      points.push({ exams: size, pulumi, naiveSync: naive, goals: pulumiGoals(pulumi, size), findings: findingsOf(pulumi) });
    }
    log("client…");
    const bodies = generatedExams(opts.sizes[opts.sizes.length - 1], "bench").map(({ args }) => {
      const result = validateExam(args);
      if (!result.ok) throw new Error(`generated exam invalid: ${JSON.stringify(result.failures)}`);
      return requestBody(result.exam).body;
    });
    const client = await benchClient(emulator, bodies, opts.rounds);
    log("catalogue load…");
    const catalogue = await benchCatalogue(scratch);
    const result: BenchResult = {
      meta: {
        sizes: opts.sizes,
        date: new Date().toISOString(),
        node: process.versions.node,
        pulumi: execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim(),
        cpus: availableParallelism(),
        parallel: "default",
        checkpoints: !opts.skipCheckpoints,
        totalSeconds: (performance.now() - started) / 1000,
      },
      floor: FLOOR,
      points,
      client,
      catalogue,
      goals: runGoals(client, catalogue),
    };
    process.stdout.write(`${renderReport(result)}\n`);
    if (opts.out) {
      await writeFile(opts.out, `${JSON.stringify(result, null, 2)}\n`);
      log(`figures written to ${opts.out}`);
      if (points.length > 1) {
        const chart = opts.out.replace(/(\.json)?$/, ".svg");
        const caption = `npm run bench -- --curve ${opts.sizes.join(",")}; ${result.meta.date.slice(0, 10)}; pulumi ${result.meta.pulumi}, node ${result.meta.node}, ${result.meta.cpus} CPUs; dashed: floor`;
        await writeFile(chart, curveChart(points, caption));
        log(`chart written to ${chart}`);
      }
    }
  } finally {
    await emulator.stop();
    await uninstallFloor();
    await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
