import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import { parse, parseDocument } from "yaml";
import { loadCatalogue } from "pulumi-proctor";
import { startEmulator, type Emulator, type Integration } from "../../emulator/server";
import { MARKER } from "../../provider/review/markdown";
import { takeFlag, workflowCommands } from "../harness/ci-workflow";
import { readWorkflow, runJob, type Workflow } from "../harness/workflow-run";
import { installPackage, mustRun, packCheckout, ProjectCli } from "../harness/package-install";
import { REPO_ROOT } from "../../scripts/lib/pulumi-stack";

// Every example under examples/ as a user gets it: the folder copied out of the
// repository, the packed package installed into it with npm, and the TypeScript run
// as it is by the real CLI (or, for lms-sync, by its own npm script) against the
// emulator, so none of them rots: the programs, their Pulumi.yaml and stack files,
// the CI workflow's steps and the Automation API script.

const EXAMPLES = path.join(REPO_ROOT, "examples");
const DEFAULT: Integration = { name: "examples", secret: "examples-secret" };
// The integrations the two-integrations stack files name, each with a test secret.
const STAGING: Integration = { name: "my-lms-staging", secret: "staging-secret" };
const PRODUCTION: Integration = { name: "my-lms", secret: "production-secret" };

let emulator: Emulator;
let dir = "";
let tarball = "";
let copies = 0;
const cleanups: (() => Promise<void>)[] = [];

describe("the examples, end to end", () => {
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "proctor-examples-"));
    tarball = await packCheckout(path.join(dir, "pack"));
    emulator = await startEmulator({ integrations: [DEFAULT, STAGING, PRODUCTION] });
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await emulator.reset();
  });
  after(async () => {
    await emulator?.close();
    if (dir !== "") await rm(dir, { recursive: true, force: true });
  });

  function yamlFile(file: string): Record<string, unknown> {
    return parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  }

  /** An example folder copied out of the repository with the packed package installed, and a CLI for it. */
  async function exampleProject(name: string): Promise<{ project: string; cli: ProjectCli }> {
    const project = path.join(dir, `${name}-${++copies}`);
    await cp(path.join(EXAMPLES, name), project, { recursive: true });
    await installPackage(project, tarball);
    const cli = await ProjectCli.create(project);
    cleanups.push(() => cli.cleanup());
    return { project, cli };
  }

  /** A stack of the project with the connection to the emulator (the secret as a secret). */
  async function initStack(cli: ProjectCli, stack: string, integration: Integration = DEFAULT): Promise<void> {
    await cli.mustRun(["stack", "init", stack]);
    await cli.mustRun(["config", "set", "--stack", stack, "proctor:url", emulator.url]);
    await cli.mustRun(["config", "set", "--stack", stack, "proctor:integrationName", integration.name]);
    await cli.mustRun(["config", "set", "--stack", stack, "--secret", "proctor:jwtSecret", integration.secret]);
  }

  it("every Pulumi example is a standard TypeScript project: Pulumi.yaml without main, index.ts, package.json, tsconfig.json", () => {
    for (const name of ["one-exam", "catalogue", "two-integrations", "stacks"]) {
      const folder = path.join(EXAMPLES, name);
      const project = yamlFile(path.join(folder, "Pulumi.yaml"));
      assert.equal(project.runtime, "nodejs", name);
      assert.equal(project.main, undefined, `${name}'s Pulumi.yaml names a main`);
      assert.ok(existsSync(path.join(folder, "index.ts")) && existsSync(path.join(folder, "tsconfig.json")), name);
      const manifest = JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8")) as { dependencies: Record<string, string> };
      assert.deepEqual(Object.keys(manifest.dependencies).sort(), ["@pulumi/pulumi", "pulumi-proctor"], name);
      assert.match(readFileSync(path.join(folder, "index.ts"), "utf8"), /npm install[\s\S]*pulumi (up|preview)/, `${name} says how to run it`);
    }
  });

  it("one-exam: preview plans the exam without sending it; up creates it", async () => {
    const { cli } = await exampleProject("one-exam");
    await initStack(cli, "dev");
    const preview = await cli.mustRun(["preview", "--diff"]);
    assert.match(preview.output, /\+ pulumi-nodejs:dynamic\/proctor:Exam: \(create\)/);
    assert.match(preview.output, /examId\s*: "a3875623"/);
    assert.match(preview.output, /deletionPolicy\s*: "close"/);
    assert.deepEqual(emulator.requests(), []);

    const up = await cli.mustRun(["up", "--yes", "--skip-preview"]);
    assert.match(up.output, /status\s*: 201/);
    assert.deepEqual(emulator.exams().map((e) => [e.examId, e.exam.examName]), [["a3875623", "Final test"]]);
  });

  it("catalogue: up creates the six exams of catalogue.yaml with their merged settings, a second up changes nothing", async () => {
    const expected = loadCatalogue({ files: path.join(EXAMPLES, "catalogue", "catalogue.yaml") });
    assert.equal(expected.length, 6);
    const { cli } = await exampleProject("catalogue");
    await initStack(cli, "dev");

    await cli.mustRun(["up", "--yes", "--skip-preview"]);
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
    const again = await cli.mustRun(["up", "--yes", "--skip-preview"]);
    assert.match(again.output, new RegExp(`${expected.length + 2} unchanged`)); // the exams, the component, the stack
    assert.equal(emulator.requests().length, requestsAfterFirst, "the second up sent requests");
  });

  it("two-integrations: the staging and production stack files send the same catalogue to their own integration", async () => {
    const { project, cli } = await exampleProject("two-integrations");
    for (const [stackName, integration, trial] of [
      ["staging", STAGING, true],
      ["production", PRODUCTION, false],
    ] as const) {
      const stackFile = path.join(project, `Pulumi.${stackName}.yaml`);
      const settings = yamlFile(stackFile).config as Record<string, unknown>;
      assert.equal(settings["proctor:integrationName"], integration.name);
      assert.match(String(settings["proctor:url"]), /^https:\/\//);
      assert.equal(settings["proctor:jwtSecret"], undefined, "a stack file holds a secret in clear text");
      // The stack file as written, except that the URL points at the emulator; the secret as its comment says.
      await cli.mustRun(["stack", "init", stackName]);
      await cli.mustRun(["config", "set", "--stack", stackName, "proctor:url", emulator.url]);
      await cli.mustRun(["config", "set", "--stack", stackName, "--secret", "proctor:jwtSecret", integration.secret]);
      const up = await cli.mustRun(["up", "--yes", "--skip-preview", "--stack", stackName]);
      assert.match(up.output, new RegExp(`integration\\s*: "${integration.name}"`));

      const expected = loadCatalogue({ files: path.join(project, "exams.yaml"), defaults: { trial } });
      assert.ok(expected.length >= 3);
      const stored = emulator.exams().filter((e) => e.integration === integration.name);
      assert.deepEqual(
        stored.map((e) => [e.examId, e.exam.trial]).sort(),
        expected.map((e) => [e.examId, e.args.trial]).sort(),
      );
      // The stack's trial setting is the widest default: an exam's own value still wins.
      assert.equal(stored.find((e) => e.examId === "ger-a2-placement")?.exam.trial, true);
      assert.equal(stored.find((e) => e.examId === "ger-a2-final")?.exam.trial, trial);
    }
    assert.equal(emulator.exams().filter((e) => e.integration === DEFAULT.name).length, 0);
  });

  /** The pulumi/actions step of a job, and the CLI command it stands for. */
  function pulumiAction(workflow: Workflow, job: string): { inputs: Record<string, unknown>; args: string[] } {
    const steps = workflow.jobs[job]!.steps;
    const index = steps.findIndex((s) => /^pulumi\/actions@v\d+$/.test(s.uses ?? ""));
    assert.ok(index >= 0, `job ${job} has no pulumi/actions step`);
    assert.ok(steps.slice(0, index).some((s) => s.run === "npm ci"), `job ${job} does not install the project before pulumi runs`);
    const inputs = steps[index]!.with ?? {};
    const args = [String(inputs.command), "--stack", String(inputs["stack-name"])];
    if (inputs.diff === true) args.push("--diff");
    if (inputs.command === "up") args.push("--yes"); // the action confirms by itself
    return { inputs, args };
  }

  it("ci: pull requests get a preview with the policy pack and one review comment, merges apply in an environment; the workflow's commands run", async () => {
    const workflow = readWorkflow(path.join(EXAMPLES, "ci", "exams.yml"));
    assert.deepEqual(workflow.on.pull_request!.branches, ["main"]);
    assert.deepEqual(workflow.on.push!.branches, ["main"]);
    for (const [key, value] of Object.entries(workflow.env)) {
      if (/PASSPHRASE|SECRET|BACKEND|TOKEN/.test(key)) assert.match(value, /^\$\{\{ secrets\.\w+ \}\}$/, `${key} is not taken from a repository secret`);
    }
    assert.match(workflow.jobs.preview!.if ?? "", /pull_request/);
    assert.match(workflow.jobs.up!.if ?? "", /push/);
    assert.equal(workflow.jobs.up!.environment, "production", "the deploy is not gated by an environment");
    assert.equal(workflow.jobs.preview!.permissions?.["pull-requests"], "write");
    const steps = workflow.jobs.preview!.steps;
    assert.ok(steps.some((s) => /^actions\/upload-artifact@v\d+$/.test(s.uses ?? "") && s.with?.path === "review.html"), "the HTML review is not uploaded");
    // One sticky comment: the one starting with the review's marker is edited, not a new one added.
    const comment = steps.find((s) => /gh api/.test(s.run ?? ""))?.run ?? "";
    assert.ok(comment.includes(`startswith("${MARKER}")`), comment);
    assert.match(comment, /--method PATCH "repos\/[^"]*\/issues\/comments\/\$id" -F body=@review\.md/);
    const up = pulumiAction(workflow, "up");
    assert.equal(up.inputs.command, "up");
    const { previewArgs, previewFile, policyArgs, policyLog, reviewArgs } = workflowCommands();
    const stack = takeFlag(previewArgs, "--stack").value!;
    assert.equal(up.inputs["stack-name"], stack);
    assert.equal(takeFlag(policyArgs, "--stack").value, stack);
    assert.equal(takeFlag(policyArgs, "--policy-pack").value, "node_modules/pulumi-proctor/policy");

    // The workflow's commands on the catalogue project: the stack it names, the JWT secret from
    // the environment (as the workflow gives it), `npm ci` in a copy that has its lock file.
    const { project, cli } = await exampleProject("catalogue");
    await mustRun("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], project);
    await cli.mustRun(["stack", "init", stack]);
    await cli.mustRun(["config", "set", "--stack", stack, "proctor:url", emulator.url]);
    await cli.mustRun(["config", "set", "--stack", stack, "proctor:integrationName", DEFAULT.name]);
    cli.env.PROCTOR_JWT_SECRET = DEFAULT.secret;

    const planned = await cli.run(previewArgs);
    assert.equal(planned.code, 0, planned.stderr);
    await writeFile(path.join(project, previewFile), planned.stdout);
    // The package's own policy pack, as installed; what it says about the example is its own e2e test's business.
    const checked = await cli.run(policyArgs);
    assert.match(checked.output, /^Policies:$/m, checked.output);
    await writeFile(path.join(project, policyLog), checked.output);
    for (const args of reviewArgs) await mustRun("npx", ["pulumi-proctor", ...args], project);
    const review = readFileSync(path.join(project, "review.md"), "utf8");
    assert.match(review, /^<!-- pulumi-proctor-review -->\n[^]*\*\*6 exams created, 0 updated/);
    assert.match(readFileSync(path.join(project, "review.html"), "utf8"), /^<!doctype html>/);
    assert.deepEqual(emulator.requests(), []);
    await cli.mustRun(up.args);
    assert.equal(emulator.exams().length, 6);
  });

  /**
   * A runner's checkout of the installed project: its files copied (the stack files
   * too, which `pulumi stack select --create` writes), node_modules shared, so each
   * matrix job has its own working folder as on GitHub.
   */
  async function runnerCheckout(project: string): Promise<string> {
    const checkout = path.join(dir, `checkout-${++copies}`);
    await cp(project, checkout, { recursive: true, filter: (source) => path.relative(project, source) !== "node_modules" });
    await symlink(path.join(project, "node_modules"), path.join(checkout, "node_modules"));
    return checkout;
  }

  /** The shell block of docs/scale.md that moves a course's exams between stacks. */
  function readmeMoveCommands(): string {
    const blocks = [...readFileSync(path.join(REPO_ROOT, "docs", "scale.md"), "utf8").matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const moves = blocks.filter((block) => block.includes("pulumi state move"));
    assert.equal(moves.length, 1, "docs/scale.md has one block with pulumi state move");
    return moves[0]!;
  }

  it("stacks: the matrix workflow's commands on examples/stacks: the partition check, each stack's preview and up side by side on one backend; the docs' course move sends nothing", async () => {
    const workflow = readWorkflow(path.join(EXAMPLES, "ci", "stacks.yml"));
    for (const [key, value] of Object.entries(workflow.env)) assert.match(value, /^\$\{\{ secrets\.\w+ \}\}$/, `${key} is not taken from a repository secret`);
    assert.equal(workflow.jobs.up!.environment, "production", "the deploy is not gated by an environment");
    for (const job of ["preview", "up"]) {
      assert.equal(workflow.jobs[job]!.needs, "stacks");
      assert.equal(workflow.jobs[job]!.strategy?.matrix?.stack, "${{ fromJSON(needs.stacks.outputs.stacks) }}", `${job} is not one job per stack`);
      assert.equal(workflow.jobs[job]!.strategy?.["fail-fast"], false, `one stack's failure cancels the other ${job}s`);
    }

    // The example's project config (every stack's), sent to the emulator instead of
    // proctor.example.org; the secret from the environment, as the workflow gives it.
    const { project, cli } = await exampleProject("stacks");
    const projectFile = parseDocument(readFileSync(path.join(project, "Pulumi.yaml"), "utf8"));
    projectFile.setIn(["config", "proctor:url"], emulator.url);
    await writeFile(path.join(project, "Pulumi.yaml"), projectFile.toString());
    const env = { ...cli.env, PROCTOR_JWT_SECRET: PRODUCTION.secret };
    const expected = loadCatalogue({ files: path.join(project, "catalogue.yaml") });
    const matrix = async (job: string, stacks: readonly string[]) =>
      Promise.all(stacks.map(async (stack) => runJob(workflow, job, await runnerCheckout(project), env, { "matrix.stack": stack })));
    const jobFailures = (runs: readonly { failed: boolean; steps: { id?: string; stdout: string; stderr: string }[] }[]) =>
      runs.filter((run) => run.failed).flatMap((run) => run.steps.map((step) => `${step.id}: ${step.stdout}${step.stderr}`));

    const listed = await runJob(workflow, "stacks", project, env);
    assert.deepEqual(jobFailures([listed]), []);
    assert.match(listed.steps.find((step) => step.id === "partition")!.stdout, /7 exams in 2 stacks, each exam in exactly one: humanities \(humanities: 3 exams\), sciences \(sciences: 4 exams\)/);
    const stacks = JSON.parse(listed.outputs.stacks!) as string[];
    assert.deepEqual(stacks, ["humanities", "sciences"]);

    const previews = await matrix("preview", stacks);
    assert.deepEqual(jobFailures(previews), []);
    assert.match(previews[0]!.summary, /\*\*3 exams created, 0 updated/);
    assert.match(previews[1]!.summary, /\*\*4 exams created, 0 updated/);
    assert.deepEqual(emulator.requests(), [], "a preview sent something");

    assert.deepEqual(jobFailures(await matrix("up", stacks)), []);
    const stored = () => new Map(emulator.exams().map((e) => [e.examId, e.exam]));
    assert.deepEqual([...stored().keys()].sort(), expected.map((e) => e.examId).sort());
    assert.deepEqual(emulator.requests().map((r) => r.status), expected.map(() => 201), "each exam sent once, by one stack");
    const sent = emulator.requests().length;
    assert.deepEqual(jobFailures(await matrix("up", stacks)), []);
    assert.equal(emulator.requests().length, sent, "a second up of each stack sent requests");

    // Chemistry goes to the humanities stack: one line in the catalogue, its exams' state moved
    // with the docs' commands, then both stacks' up: nothing sent, nothing closed.
    const catalogueFile = path.join(project, "catalogue.yaml");
    const catalogue = readFileSync(catalogueFile, "utf8");
    assert.ok(catalogue.includes("      - courseName: Chemistry\n"));
    await writeFile(catalogueFile, catalogue.replace("      - courseName: Chemistry\n", "      - courseName: Chemistry\n        share: humanities\n"));
    const relisted = await runJob(workflow, "stacks", project, env);
    assert.deepEqual(jobFailures([relisted]), []);
    assert.match(relisted.steps.find((step) => step.id === "partition")!.stdout, /humanities \(humanities: 5 exams\), sciences \(sciences: 2 exams\)/);
    const before = stored();
    await mustRun("bash", ["-eo", "pipefail", "-c", readmeMoveCommands()], project, env);
    assert.deepEqual(jobFailures(await matrix("up", stacks)), []);
    assert.deepEqual(emulator.requests().slice(sent), [], "moving a course sent requests");
    assert.deepEqual(stored(), before);
    const humanities = (await cli.mustRun(["stack", "export", "--stack", "humanities"])).stdout;
    assert.match(humanities, /proctor:index:Catalogue\$pulumi-nodejs:dynamic\/proctor:Exam::university-chm-110-final"/, "the moved exam is not under the humanities Catalogue");
    assert.doesNotMatch((await cli.mustRun(["stack", "export", "--stack", "sciences"])).stdout, /chm-110/);
  });

  it("lms-sync: npm run sync previews, then syncs an LMS export through the Automation API", async () => {
    const { project, cli } = await exampleProject("lms-sync");
    const env = { ...cli.env, PROCTOR_URL: emulator.url, PROCTOR_INTEGRATION_NAME: DEFAULT.name, PROCTOR_JWT_SECRET: DEFAULT.secret };
    const sync = (...args: string[]): Promise<string> => mustRun("npm", ["run", "--silent", "sync", "--", ...args], project, env);

    const preview = await sync("--preview");
    assert.match(preview, /lms-export\.json: 3 exams/);
    assert.match(preview, /"create":5/); // 3 exams, the catalogue, the stack
    assert.deepEqual(emulator.requests(), []);

    await sync(path.join(project, "lms-export.json"));
    const stored = new Map(emulator.exams().map((e) => [e.examId, e.exam]));
    assert.deepEqual([...stored.keys()].sort(), ["quiz-4711", "quiz-4712", "quiz-5120"]);
    assert.equal(stored.get("quiz-4712")!.proctoring, "online"); // LMS "live"
    assert.equal(stored.get("quiz-5120")!.trial, true); // LMS "practice"
    assert.equal(stored.get("quiz-4711")!.accountId, "300");
    assert.ok(existsSync(path.join(project, ".workspace")), "the workspace is not in the project");
  });
});
