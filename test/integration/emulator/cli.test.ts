// The `pulumi-proctor-emulator` command (`npm run emulator` here), run as a process: flags and environment, what it
// prints (integration names, never secrets), and a clean exit 0 on SIGINT/SIGTERM. How the settings are parsed is
// test/unit/emulator/args.test.ts.

import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it, type TestContext } from "node:test";
import { DEFAULT_INTEGRATION } from "../../../emulator/args";
import { nowSeconds, sign, validExam } from "../../harness/emulator-testkit";

const CLI = join(__dirname, "..", "..", "..", "emulator", "cli.js");
const TIMEOUT_MS = 10_000;

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(t: TestContext, args: string[], env: Record<string, string> = {}): Running {
  const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("EMULATOR_")));
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...cleanEnv, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function bounded<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for the startup banner and returns the URL it announces. */
async function listening(running: Running): Promise<string> {
  return until("the startup banner", () => {
    const out = running.stdout();
    return out.includes("test hooks:") ? /listening on (http:\/\/\S+)/.exec(out)?.[1] : undefined;
  });
}

async function upsert(url: string, integration: string, secret: string): Promise<number> {
  const token = await sign({ exp: nowSeconds() + 30 }, { secret });
  const response = await fetch(`${url}/api/v2/integration/simple/${integration}/exams/`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `JWT ${token}` },
    body: JSON.stringify(validExam()),
  });
  await response.body?.cancel();
  return response.status;
}

describe("emulator CLI", () => {
  it("prints its URL and integration names, serves them, and exits 0 on SIGINT", async (t) => {
    const secretB = "beta:secret:with:colons";
    const running = run(t, ["--port", "0", "--integration", "alpha:alpha-secret", "--integration", `beta:${secretB}`]);
    const url = await listening(running);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(running.stdout(), /integrations: alpha, beta/);
    assert.ok(!running.stdout().includes("alpha-secret") && !running.stdout().includes(secretB), "no secrets printed");
    assert.match(running.stdout(), new RegExp(`^process ${running.child.pid}: SIGINT or SIGTERM stops it$`, "m"));

    assert.equal(await upsert(url, "beta", secretB), 201, "a secret may contain colons");
    assert.equal(await upsert(url, "alpha", "alpha-secret"), 201);
    await until("the access log line", () => (/POST \/api\/v2\/\S+ 201/.test(running.stdout()) ? true : undefined));

    running.child.kill("SIGINT");
    assert.equal(await bounded(running.exited, "exit after SIGINT"), 0);
    assert.match(running.stdout(), /SIGINT: stopping/);
  });

  it("reads the environment, persists to EMULATOR_PERSIST and exits 0 on SIGTERM", async (t) => {
    const dir = await mkdtemp(join(tmpdir(), "proctor-emulator-cli-"));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const persist = join(dir, "exams.json");
    const running = run(t, [], { EMULATOR_PORT: "0", EMULATOR_INTEGRATIONS: "a:s1,b:s2", EMULATOR_PERSIST: persist });
    const url = await listening(running);
    assert.match(running.stdout(), /integrations: a, b/);
    assert.match(running.stdout(), /exams persist to/);
    assert.equal(await upsert(url, "b", "s2"), 201);
    running.child.kill("SIGTERM");
    assert.equal(await bounded(running.exited, "exit after SIGTERM"), 0);
    const saved = JSON.parse(await readFile(persist, "utf8")) as { exams: { integration: string }[] };
    assert.deepEqual(saved.exams.map((e) => e.integration), ["b"]);
  });

  it("serves the demo integration by default", async (t) => {
    const running = run(t, ["--port", "0"]);
    const url = await listening(running);
    assert.match(running.stdout(), /integrations: demo\n/);
    assert.ok(!running.stdout().includes(DEFAULT_INTEGRATION.secret));
    assert.equal(await upsert(url, "demo", "demo-secret-change-me"), 201);
    running.child.kill("SIGINT");
    assert.equal(await bounded(running.exited, "exit after SIGINT"), 0);
  });

  for (const args of [["--bogus"], ["--integration", "no-colon"], ["--port", "70000"], ["--leeway", "-1"], ["extra"]]) {
    it(`prints an error and usage and exits 2 for ${args.join(" ")}`, async (t) => {
      const running = run(t, args);
      assert.equal(await bounded(running.exited, "exit on a bad flag"), 2);
      assert.match(running.stderr(), /^error: /);
      assert.match(running.stderr(), /usage: /);
    });
  }
});
