// The emulator as users get it: `npm pack` this repository (already built: dist/ exists),
// install the tarball into an empty temporary project, then run the
// `pulumi-proctor-emulator` bin through npx and load `pulumi-proctor/emulator` from there.
// The project installs without peer dependencies, so this also proves the emulator runs
// without @pulumi/pulumi.

import assert from "node:assert/strict";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { after, before, describe, it, type TestContext } from "node:test";
import { SignJWT } from "jose";

const ROOT = resolve(__dirname, "..", "..", "..");
const INSTALL_TIMEOUT_MS = 40_000;
const STEP_TIMEOUT_MS = 15_000;
const INTEGRATION = "acme";
const SECRET = "acme-secret-123";

// npm and npx are scripts run by `node` from PATH: put this very node first.
const ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("EMULATOR_") && !key.startsWith("npm_"))),
  PATH: [dirname(process.execPath), process.env.PATH ?? ""].join(delimiter),
  NO_UPDATE_NOTIFIER: "1",
  npm_config_update_notifier: "false",
};

/** Runs a command to completion; rejects with its output when it fails. */
function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(command, args, { cwd, env: ENV, timeout: INSTALL_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(" ")} failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolvePromise(stdout);
    });
  });
}

let dir = "";
let project = "";

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts a command in its own process group, which is killed when the test ends. */
function start(t: TestContext, command: string, args: string[], cwd: string): Running {
  const child = spawn(command, args, { cwd, env: ENV, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolvePromise) => child.on("exit", (code) => resolvePromise(code)));
  t.after(() => {
    // The whole group: npx, and the emulator it started, whatever state they are in.
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function within<T>(promise: Promise<T>, what: string, running: Running): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}\nstdout: ${running.stdout()}\nstderr: ${running.stderr()}`)), STEP_TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function announcedUrl(running: Running): Promise<string> {
  const url = new Promise<string>((resolvePromise, reject) => {
    const look = (): void => {
      const out = running.stdout();
      const match = out.includes("test hooks:") ? /listening on (http:\/\/\S+)/.exec(out) : null;
      if (match) resolvePromise(match[1]!);
      else if (running.child.exitCode !== null || running.child.signalCode !== null) reject(new Error(`exited early\n${out}\n${running.stderr()}`));
      else setTimeout(look, 25);
    };
    look();
  });
  return within(url, "the startup banner", running);
}

/** The emulator's own pid, as its banner names it. */
function emulatorPid(running: Running): number {
  const pid = Number(/^process (\d+): SIGINT or SIGTERM stops it$/m.exec(running.stdout())?.[1]);
  assert.ok(Number.isInteger(pid) && pid > 0, `the banner names the emulator's pid: ${running.stdout()}`);
  return pid;
}

async function gone(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 25));
  }
}

function exam(): Record<string, unknown> {
  return {
    accountId: "1",
    accountName: "Acme",
    examId: "package-smoke",
    examName: "Packaged emulator",
    courseName: "CI",
    duration: 60,
    schedule: false,
    proctoring: "online",
    identification: "skip",
    startDate: "2030-01-01T09:00:00Z",
    endDate: "2030-01-31T18:00:00Z",
  };
}

describe("the emulator in the packed package, end to end", () => {
  before(async () => {
    assert.ok(existsSync(join(ROOT, "dist", "emulator", "cli.js")), "the repository is built (dist/emulator/cli.js)");
    dir = await mkdtemp(join(tmpdir(), "proctor-emulator-package-"));
    project = join(dir, "project");
    await mkdir(project);
    await writeFile(join(project, "package.json"), JSON.stringify({ name: "emulator-package-probe", version: "1.0.0", private: true }));
    await run("npm", ["pack", "--pack-destination", dir, "--ignore-scripts", "--silent"], ROOT);
    const tarballs = (await readdir(dir)).filter((name) => name.endsWith(".tgz"));
    assert.equal(tarballs.length, 1, `one tarball packed: ${tarballs.join(", ")}`);
    await run(
      "npm",
      ["install", join(dir, tarballs[0]!), "--prefer-offline", "--no-audit", "--no-fund", "--legacy-peer-deps", "--ignore-scripts", "--no-package-lock"],
      project,
    );
  });

  after(async () => {
    if (dir !== "") await rm(dir, { recursive: true, force: true });
  });

  it("runs `npx pulumi-proctor-emulator`, which accepts a signed exam and exits 0 on SIGINT", async (t) => {
    const running = start(t, "npx", ["--no-install", "pulumi-proctor-emulator", "--port", "0", "--integration", `${INTEGRATION}:${SECRET}`], project);
    const url = await announcedUrl(running);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(!running.stdout().includes(SECRET), "the secret is not printed");

    const token = await new SignJWT({ exp: Math.floor(Date.now() / 1000) + 30 })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(new TextEncoder().encode(SECRET));
    const response = await fetch(`${url}/api/v2/integration/simple/${INTEGRATION}/exams/`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `JWT ${token}` },
      body: JSON.stringify(exam()),
    });
    const body = await response.text();
    assert.equal(response.status, 201, body);

    // npx stands between us and the emulator (npm exec → sh → node), and passes no lone
    // signal on: the banner names the emulator's own pid. npx exits with its exit code.
    const pid = emulatorPid(running);
    assert.notEqual(pid, running.child.pid);
    process.kill(pid, "SIGINT");
    assert.equal(await within(running.exited, "exit after SIGINT", running), 0, running.stderr());
    assert.match(running.stdout(), /SIGINT: stopping/);
  });

  it("stops, with npx, on a Ctrl-C (SIGINT to the process group)", async (t) => {
    const running = start(t, "npx", ["--no-install", "pulumi-proctor-emulator", "--port", "0", "--integration", `${INTEGRATION}:${SECRET}`], project);
    await announcedUrl(running);
    const pid = emulatorPid(running);
    process.kill(-running.child.pid!, "SIGINT");
    await within(running.exited, "exit after Ctrl-C", running);
    await within(gone(pid), "the emulator to exit", running);
    assert.match(running.stdout(), /SIGINT: stopping/);
    assert.equal(running.stderr(), "");
  });

  it("exports startEmulator from pulumi-proctor/emulator, and keeps the provider's paths", async () => {
    const script = [
      `const emulator = require("pulumi-proctor/emulator");`,
      `console.log(JSON.stringify({`,
      `  startEmulator: typeof emulator.startEmulator,`,
      `  exports: Object.keys(emulator),`,
      `  main: require.resolve("pulumi-proctor"),`,
      `  provider: require.resolve("pulumi-proctor/dist/provider/provider.js"),`,
      `  pulumi: (() => { try { require.resolve("@pulumi/pulumi"); return true; } catch { return false; } })(),`,
      `}));`,
    ].join("\n");
    const seen = JSON.parse(await run(process.execPath, ["-e", script], project)) as Record<string, unknown>;
    const installed = join(project, "node_modules", "pulumi-proctor");
    assert.deepEqual(seen, {
      startEmulator: "function",
      exports: ["startEmulator"],
      main: join(installed, "dist", "provider", "index.js"),
      provider: join(installed, "dist", "provider", "provider.js"),
      pulumi: false,
    });
  });

  it("starts an emulator in-process from the installed package", async (t) => {
    const script = [
      `const { startEmulator } = require("pulumi-proctor/emulator");`,
      `startEmulator({ integrations: [{ name: "acme", secret: "s" }] })`,
      `  .then(async (e) => { console.log(e.url, e.exams().length); await e.close(); });`,
    ].join("\n");
    const running = start(t, process.execPath, ["-e", script], project);
    assert.equal(await within(running.exited, "the script", running), 0, running.stderr());
    assert.match(running.stdout(), /^http:\/\/127\.0\.0\.1:\d+ 0\n$/);
  });
});
