// `npm run bench -- [--exams N | --curve N1,N2,...] [--granularity exam|course] [--out FILE]
//   [--rounds R] [--preview-repeats R] [--skip-checkpoints] [--course-size N] [--all-configurations]`
// Granularity exam (the default, issue 10): measures, side by side in one run,
// what pulumi-proctor costs over the floor Pulumi itself sets (at each
// catalogue size of a curve), the client against bare HTTP, a naive sync
// against `pulumi up`, state size, memory, and loading a 10,000-exam catalogue
// without Pulumi. Granularity course (issue 19): course-level resources against
// one resource per exam and against the least course-level resources can cost
// (granularity/). Both print tables and write them as JSON, and a curve's
// chart as SVG beside the JSON.
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
import { installFloorProviders } from "./floor";
import { PROGRAMS } from "./granularity/configurations";
import { granularityChart } from "./granularity/chart";
import { granularityGoals } from "./granularity/goals";
import { renderGranularityReport, type GranularityResult } from "./granularity/report";
import { benchGranularity } from "./granularity/run";
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
      granularity: { type: "string", default: "exam" },
      out: { type: "string" },
      rounds: { type: "string" },
      "preview-repeats": { type: "string", default: "3" },
      "skip-checkpoints": { type: "boolean" },
      "course-size": { type: "string" },
      "all-configurations": { type: "boolean" },
      "run-timeout-minutes": { type: "string", default: "30" },
    },
    strict: true,
  });
  const positive = (name: string, text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1 (got "${text}")`);
    return n;
  };
  const granularity = values.granularity;
  if (granularity !== "exam" && granularity !== "course") throw new Error(`--granularity must be exam or course (got "${granularity}")`);
  const only = (flag: string, given: unknown, mode: "exam" | "course"): void => {
    if (given !== undefined && granularity !== mode) throw new Error(`--${flag} applies to --granularity ${mode} only`);
  };
  only("skip-checkpoints", values["skip-checkpoints"], "exam");
  only("course-size", values["course-size"], "course");
  only("all-configurations", values["all-configurations"], "course");
  const sizes = values.curve === undefined ? [positive("exams", values.exams)] : values.curve.split(",").map((n) => positive("curve", n.trim()));
  return {
    granularity,
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    // A curve always keeps its figures: the chart is drawn beside them.
    out: values.out ?? (values.curve === undefined ? undefined : granularity === "course" ? "bench-course-curve.json" : "bench-curve.json"),
    /** The client bench's rounds (granularity exam); undefined when not given. */
    rounds: values.rounds === undefined ? undefined : positive("rounds", values.rounds),
    previewRepeats: positive("preview-repeats", values["preview-repeats"]),
    skipCheckpoints: values["skip-checkpoints"] ?? false,
    courseSize: positive("course-size", values["course-size"] ?? "50"),
    allConfigurations: values["all-configurations"] ?? false,
    runTimeoutMs: positive("run-timeout-minutes", values["run-timeout-minutes"]) * 60_000,
  };
}

type Options = ReturnType<typeof options>;

const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

/** Runs the naive sync as its own process, as cron would, and counts what reached the server. */
async function naiveSync(emulator: BenchEmulator, examsFile: string): Promise<{ requests: number; seconds: number }> {
  const before = await emulator.requestCount();
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
  return { requests: (await emulator.requestCount()) - before, seconds };
}

/** Where and with what this run was measured, for every report. */
function environment() {
  return {
    date: new Date().toISOString(),
    node: process.versions.node,
    pulumi: execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim(),
    cpus: availableParallelism(),
  };
}

/** Writes the figures as JSON to `out`, and a curve's chart beside it (`.svg`). */
async function save(out: string, result: unknown, chart?: () => string): Promise<void> {
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`figures written to ${out}`);
  if (chart) {
    const file = out.replace(/(\.json)?$/, ".svg");
    await writeFile(file, chart());
    log(`chart written to ${file}`);
  }
}

/** Issue 10: ours against the floor, one Exam per exam, plus the client, the naive sync and loading a catalogue. */
async function benchExams(opts: Options, scratch: string, started: number): Promise<void> {
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
    const client = await benchClient(emulator, bodies, opts.rounds ?? 3);
    log("catalogue load…");
    const catalogue = await benchCatalogue(scratch);
    const result: BenchResult = {
      meta: {
        sizes: opts.sizes,
        ...environment(),
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
      const caption = `npm run bench -- --curve ${opts.sizes.join(",")}; ${result.meta.date.slice(0, 10)}; pulumi ${result.meta.pulumi}, node ${result.meta.node}, ${result.meta.cpus} CPUs; dashed: floor`;
      await save(opts.out, result, points.length > 1 ? () => curveChart(points, caption) : undefined);
    }
  } finally {
    await emulator.stop();
  }
}

/** Issue 19: course granularity against the per-exam floor and the course-level limit, and the goals table. */
async function benchCourses(opts: Options, scratch: string, started: number): Promise<void> {
  if (opts.rounds !== undefined) log("--rounds sets the client bench's rounds, which --granularity course does not run");
  const points = await benchGranularity({
    sizes: opts.sizes,
    courseSize: opts.courseSize,
    all: opts.allConfigurations,
    previewRepeats: opts.previewRepeats,
    runTimeoutMs: opts.runTimeoutMs,
    scratch,
    log,
  });
  const goals = granularityGoals(points);
  const result: GranularityResult = {
    meta: {
      sizes: opts.sizes,
      courseSize: opts.courseSize,
      configurations: Object.keys(points[0].configurations),
      ...environment(),
      totalSeconds: (performance.now() - started) / 1000,
    },
    programs: Object.fromEntries(Object.entries(PROGRAMS).map(([program, { describe }]) => [program, describe])) as GranularityResult["programs"],
    points,
    goals,
  };
  process.stdout.write(`${renderGranularityReport(result)}\n`);
  if (opts.out) {
    const caption =
      `npm run bench -- --curve ${opts.sizes.join(",")} --granularity course; ${result.meta.date.slice(0, 10)}; ` +
      `pulumi ${result.meta.pulumi}, node ${result.meta.node}, ${result.meta.cpus} CPUs; courses of ${opts.courseSize}; dashed: the floors`;
    await save(opts.out, result, points.length > 1 ? () => granularityChart(points, goals, caption) : undefined);
  }
}

async function main(): Promise<void> {
  const opts = options();
  const started = performance.now();
  const scratch = await mkdtemp(path.join(tmpdir(), "proctor-bench-"));
  const uninstallFloors = await installFloorProviders();
  try {
    await (opts.granularity === "course" ? benchCourses : benchExams)(opts, scratch, started);
  } finally {
    await uninstallFloors();
    await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
