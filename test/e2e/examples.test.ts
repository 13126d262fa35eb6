import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, afterEach, before, test } from "node:test";
import { load } from "js-yaml";
import { loadCatalogue } from "pulumi-proctor";
import { startEmulator, type Emulator, type Integration } from "../../emulator/server";
import { PulumiStack, REPO_ROOT } from "../../scripts/lib/pulumi-stack";

// Every example under examples/ run with the real CLI against the emulator, so
// none of them rots: the programs, their Pulumi.yaml and stack files, the CI
// workflow's commands and the Automation API script.

const EXAMPLES = path.join(REPO_ROOT, "examples");
const CATALOGUE_FILE = path.join(EXAMPLES, "catalogue", "catalogue.yaml");
const DEFAULT: Integration = { name: "examples", secret: "examples-secret" };
// The integrations the two-integrations stack files name, each with a test secret.
const STAGING: Integration = { name: "my-lms-staging", secret: "staging-secret" };
const PRODUCTION: Integration = { name: "my-lms", secret: "production-secret" };

let emulator: Emulator;
const cleanups: (() => Promise<void>)[] = [];

before(async () => {
  emulator = await startEmulator({ integrations: [DEFAULT, STAGING, PRODUCTION] });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await emulator.reset();
});
after(async () => {
  await emulator.close();
});

async function stackFor(program: string, config: Record<string, string> = {}, secret = DEFAULT.secret): Promise<PulumiStack> {
  const stack = await PulumiStack.create({
    program,
    config: { "proctor:url": emulator.url, "proctor:integrationName": DEFAULT.name, ...config },
    secrets: { "proctor:jwtSecret": secret },
  });
  cleanups.push(() => stack.cleanup());
  return stack;
}

function yamlFile(file: string): Record<string, unknown> {
  return load(readFileSync(file, "utf8")) as Record<string, unknown>;
}

/** The program an example's Pulumi.yaml runs, as a path under dist/, checked to exist. */
function programOf(projectFile: string): string {
  const main = yamlFile(projectFile).main;
  assert.equal(typeof main, "string", `${projectFile} has no main`);
  const program = path.resolve(path.dirname(projectFile), main as string);
  assert.ok(existsSync(program), `${projectFile} runs ${program}, which the build did not produce`);
  return path.relative(path.join(REPO_ROOT, "dist"), program);
}

test("one-exam: its Pulumi.yaml runs the compiled program, and preview plans the exam without sending it", async () => {
  const program = programOf(path.join(EXAMPLES, "one-exam", "Pulumi.yaml"));
  assert.equal(program, path.join("examples", "one-exam", "index.js"));
  const stack = await stackFor(program);
  const preview = await stack.preview();
  assert.equal(preview.code, 0, preview.output);
  assert.match(preview.output, /\+ pulumi-nodejs:dynamic\/proctor:Exam: \(create\)/);
  assert.match(preview.output, /examId\s*: "a3875623"/);
  assert.match(preview.output, /deletionPolicy\s*: "close"/);
  assert.deepEqual(emulator.requests(), []);
});

test("catalogue (the root project): up creates the six exams of catalogue.yaml with their merged settings, a second up changes nothing", async () => {
  const program = programOf(path.join(REPO_ROOT, "Pulumi.yaml"));
  assert.equal(program, path.join("examples", "catalogue", "index.js"));
  const expected = loadCatalogue({ files: CATALOGUE_FILE });
  assert.equal(expected.length, 6);
  const stack = await stackFor(program);

  const up = await stack.up();
  assert.equal(up.code, 0, up.output);
  assert.deepEqual(emulator.requests().map((r) => r.status), expected.map(() => 201));
  const stored = new Map(emulator.exams().map((e) => [e.examId, e.exam]));
  assert.deepEqual([...stored.keys()].sort(), expected.map((e) => e.examId).sort());
  // Inherited and overridden values, as Proctor received them.
  const final = stored.get("phy-101-final")!;
  assert.equal(final.proctoring, "online"); // account level
  assert.equal(final.courseCode, "PHY-101"); // course level
  assert.equal(final.duration, 120); // the exam's own
  assert.equal((final.scoreConfig as Record<string, unknown>).cheaterLevel, 80); // catalogue level, merged
  assert.equal((final.scoreConfig as Record<string, unknown>).phone, 2);
  assert.equal((stored.get("eng-b2-writing")!.rules as Record<string, unknown>).allow_voices, false);
  assert.equal((stored.get("eng-b2-speaking")!.rules as Record<string, unknown>).allow_voices, true);

  const requestsAfterFirst = emulator.requests().length;
  const again = await stack.up();
  assert.equal(again.code, 0, again.output);
  assert.match(again.output, new RegExp(`${expected.length + 2} unchanged`)); // the exams, the component, the stack
  assert.equal(emulator.requests().length, requestsAfterFirst, "the second up sent requests");
});

test("two-integrations: the staging and production stack files send the same catalogue to their own integration", async () => {
  for (const [stackName, integration, trial] of [
    ["staging", STAGING, true],
    ["production", PRODUCTION, false],
  ] as const) {
    const settings = yamlFile(path.join(EXAMPLES, "two-integrations", `Pulumi.${stackName}.yaml`)).config as Record<string, unknown>;
    assert.equal(settings["proctor:integrationName"], integration.name);
    assert.match(String(settings["proctor:url"]), /^https:\/\//);
    assert.equal(settings["proctor:jwtSecret"], undefined, "a stack file holds a secret in clear text");
    // The stack file as written, except that the URL points at the emulator.
    const config = Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, String(value)]));
    const stack = await stackFor(programOf(path.join(EXAMPLES, "two-integrations", "Pulumi.yaml")), { ...config, "proctor:url": emulator.url }, integration.secret);
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    assert.match(up.output, new RegExp(`integration\\s*: "${integration.name}"`));

    const expected = loadCatalogue({ files: CATALOGUE_FILE, defaults: { trial } });
    const stored = emulator.exams().filter((e) => e.integration === integration.name);
    assert.deepEqual(
      stored.map((e) => [e.examId, e.exam.trial]).sort(),
      expected.map((e) => [e.examId, e.args.trial]).sort(),
    );
    // The stack's trial setting is the widest default: an exam's own value still wins.
    assert.equal(stored.find((e) => e.examId === "chm-110-lab-safety")?.exam.trial, true);
    assert.equal(stored.find((e) => e.examId === "chm-110-final")?.exam.trial, trial);
  }
  assert.equal(emulator.exams().filter((e) => e.integration === DEFAULT.name).length, 0);
});

test("ci: the workflow previews pull requests with --diff and applies merges with up; its preview command runs", async () => {
  const workflow = yamlFile(path.join(EXAMPLES, "ci", "exams.yml")) as {
    on: Record<string, { branches?: string[] }>;
    env: Record<string, string>;
    jobs: Record<string, { if: string; steps: { run?: string }[] }>;
  };
  assert.deepEqual(workflow.on.pull_request.branches, ["main"]);
  assert.deepEqual(workflow.on.push.branches, ["main"]);
  for (const [key, value] of Object.entries(workflow.env)) {
    if (/PASSPHRASE|SECRET|BACKEND/.test(key)) assert.match(value, /^\$\{\{ secrets\.\w+ \}\}$/, `${key} is not taken from a repository secret`);
  }
  const command = (job: string, pattern: RegExp): string => {
    const run = workflow.jobs[job].steps.map((s) => s.run ?? "").find((r) => pattern.test(r));
    assert.ok(run, `job ${job} has no step matching ${pattern}`);
    return run.trim();
  };
  assert.match(workflow.jobs.preview.if, /pull_request/);
  assert.match(workflow.jobs.up.if, /push/);
  assert.match(command("up", /^pulumi up\b/), /--yes/);
  const preview = command("preview", /^pulumi preview\b/);
  assert.match(preview, /--diff/);

  // The workflow's own preview command, on a stack of the catalogue (the harness names the stack).
  const args = preview.split(/\s+/).slice(1).filter((arg, i, all) => arg !== "--stack" && all[i - 1] !== "--stack");
  const stack = await stackFor(path.join("examples", "catalogue", "index.js"));
  const result = await stack.run(args);
  assert.equal(result.code, 0, result.output);
  assert.match(result.output, /\+ 8 to create/);
  assert.deepEqual(emulator.requests(), []);
});

function runNode(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
  });
}

test("lms-sync: previews, then syncs an LMS export through the Automation API", async () => {
  const scratch = await mkdtemp(path.join(tmpdir(), "lms-sync-e2e-"));
  // The workspace must sit inside the repository: the dynamic provider resolves pulumi-proctor from there.
  const workDir = path.join(REPO_ROOT, "dist", "e2e-projects", path.basename(scratch));
  await mkdir(path.join(scratch, "backend"), { recursive: true });
  await mkdir(workDir, { recursive: true });
  cleanups.push(async () => {
    await rm(scratch, { recursive: true, force: true });
    await rm(workDir, { recursive: true, force: true });
  });
  const env = {
    ...process.env,
    PULUMI_BACKEND_URL: `file://${path.join(scratch, "backend")}`,
    PULUMI_CONFIG_PASSPHRASE: "lms-sync-e2e",
    PULUMI_HOME: path.join(scratch, "home"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PROCTOR_URL: emulator.url,
    PROCTOR_INTEGRATION_NAME: DEFAULT.name,
    PROCTOR_JWT_SECRET: DEFAULT.secret,
  };
  const script = path.join(REPO_ROOT, "dist", "examples", "lms-sync", "index.js");
  const exportFile = path.join(EXAMPLES, "lms-sync", "lms-export.json");

  const preview = await runNode(script, ["--preview", "--work-dir", workDir, exportFile], env);
  assert.equal(preview.code, 0, preview.output);
  assert.match(preview.output, /lms-export\.json: 3 exams/);
  assert.match(preview.output, /"create":5/); // 3 exams, the catalogue, the stack
  assert.deepEqual(emulator.requests(), []);

  const sync = await runNode(script, ["--work-dir", workDir, exportFile], env);
  assert.equal(sync.code, 0, sync.output);
  const stored = new Map(emulator.exams().map((e) => [e.examId, e.exam]));
  assert.deepEqual([...stored.keys()].sort(), ["quiz-4711", "quiz-4712", "quiz-5120"]);
  assert.equal(stored.get("quiz-4712")!.proctoring, "online"); // LMS "live"
  assert.equal(stored.get("quiz-5120")!.trial, true); // LMS "practice"
  assert.equal(stored.get("quiz-4711")!.accountId, "300");
});
