import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, rmdir } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { parse } from "yaml";
import { loadCatalogue } from "pulumi-proctor";
import { startEmulator } from "../../emulator/server";
import { REPO_ROOT } from "../../scripts/lib/pulumi-stack";

// `npm start` without the set-up: the demo run twice, as a user would, with its
// backend and emulator file in a temporary folder, a free port and a stack of
// its own, so a user's .pulumi-state is never touched.

const cleanups: (() => Promise<void>)[] = [];
describe("the demo (npm start), end to end", () => {
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
  }

  function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, {
        cwd: REPO_ROOT,
        env: { ...process.env, NO_COLOR: "1", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? -1, output }));
    });
  }

  function runDemo(env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
    return run(process.execPath, [path.join(REPO_ROOT, "dist", "scripts", "demo", "main.js")], env);
  }

  /** A fresh state folder and stack name for one test; both removed afterwards. */
  async function demoState(): Promise<{ stateDir: string; stack: string }> {
    const stateDir = await mkdtemp(path.join(tmpdir(), "demo-e2e-"));
    const stack = `demo-test-${randomBytes(4).toString("hex")}`;
    cleanups.push(() => rm(stateDir, { recursive: true, force: true }));
    // The stack's config file lives with the demo's (the root Pulumi.yaml's stackConfigDir).
    cleanups.push(async () => {
      await rm(path.join(REPO_ROOT, ".pulumi-state", `Pulumi.${stack}.yaml`), { force: true });
      await rmdir(path.join(REPO_ROOT, ".pulumi-state")).catch(() => undefined); // only if the test made it and left it empty
    });
    return { stateDir, stack };
  }

  /** The table's rows: exam id → what this run did. */
  function tableOf(output: string): Map<string, string> {
    const table = output.slice(output.lastIndexOf("EXAM ID"));
    return new Map([...table.matchAll(/^ {2}(\S+)\s{2,}.+?\s{2,}(created|updated|unchanged)$/gm)].map((m) => [m[1], m[2]]));
  }

  it("the root Pulumi.yaml runs the catalogue example's TypeScript from its own folder, not a build output", () => {
    const project = parse(readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as { runtime: string; main: string };
    assert.equal(project.runtime, "nodejs");
    assert.equal(project.main, "examples/catalogue");
    const example = JSON.parse(readFileSync(path.join(REPO_ROOT, project.main, "package.json"), "utf8")) as { main: string };
    assert.equal(example.main, "index.ts");
  });

  it("npm start's demo applies the catalogue to the emulator and prints the table; run again, it changes nothing", async () => {
    const { stateDir, stack } = await demoState();
    const env = { PROCTOR_DEMO_STATE_DIR: stateDir, PROCTOR_DEMO_PORT: String(await freePort()), PROCTOR_DEMO_STACK: stack };
    const examIds = loadCatalogue({ files: path.join(REPO_ROOT, "examples", "catalogue", "catalogue.yaml") }).map((e) => e.examId).sort();

    const first = await runDemo(env);
    assert.equal(first.code, 0, first.output);
    assert.deepEqual(tableOf(first.output), new Map(examIds.map((id) => [id, "created"])), first.output);
    assert.match(first.output, /Physics 101 final exam/);
    assert.match(first.output, new RegExp(`${examIds.length} exams: ${examIds.length} created, 0 updated, 0 unchanged\\.`));
    assert.ok(existsSync(path.join(stateDir, "emulator-exams.json")), "the emulator did not persist its exams");

    const second = await runDemo(env);
    assert.equal(second.code, 0, second.output);
    assert.deepEqual(tableOf(second.output), new Map(examIds.map((id) => [id, "unchanged"])), second.output);
    assert.match(second.output, /No changes: Proctor received no upserts\./);
    assert.match(second.output, new RegExp(`${examIds.length + 2} unchanged`)); // pulumi's own summary agrees
  });

  it("with the three proctor: config keys set on its stack, the demo sends the exams to that integration instead", async () => {
    const { stateDir, stack } = await demoState();
    // Stands in for a real integration; the demo must not start its own emulator.
    const real = await startEmulator({ integrations: [{ name: "my-lms", secret: "real-secret" }] });
    cleanups.push(() => real.close());
    // The README's commands, with the demo's backend and passphrase.
    const cli = { PULUMI_BACKEND_URL: `file://${path.join(stateDir, "backend")}`, PULUMI_CONFIG_PASSPHRASE: "pulumi-proctor-demo" };
    await mkdir(path.join(stateDir, "backend"));
    for (const args of [
      ["stack", "select", "--create", stack],
      ["config", "set", "--stack", stack, "proctor:url", real.url],
      ["config", "set", "--stack", stack, "proctor:integrationName", "my-lms"],
      ["config", "set", "--stack", stack, "--secret", "proctor:jwtSecret", "real-secret"],
    ]) {
      const result = await run("pulumi", [...args, "--non-interactive"], cli);
      assert.equal(result.code, 0, result.output);
    }

    const demo = await runDemo({ PROCTOR_DEMO_STATE_DIR: stateDir, PROCTOR_DEMO_PORT: String(await freePort()), PROCTOR_DEMO_STACK: stack });
    assert.equal(demo.code, 0, demo.output);
    assert.match(demo.output, /the stack sets proctor:url, proctor:integrationName, proctor:jwtSecret: using that integration, not the emulator/);
    assert.match(demo.output, /EXAM ID\s+NAME\s+LAST UPSERT\n(\s+\S+\s+.+\s201\n){6}/);
    assert.equal(real.exams().length, 6);
    assert.ok(!existsSync(path.join(stateDir, "emulator-exams.json")), "the demo started its own emulator anyway");
  });
});
