import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { startEmulator, type Emulator } from "../../emulator/server";
import { validExam } from "../../scripts/lib/exams";
import { PulumiStack, REPO_ROOT, type RunResult } from "../../scripts/lib/pulumi-stack";

// What the project's own Node.js language host (scripts/toolchain/langhost) does for
// the commands a user runs on a TypeScript project, through the real CLI: TypeScript
// programs (runtime options `typescript`, `tsconfig`), a local policy pack
// (RunPlugin), `pulumi install` and `pulumi new` (InstallDependencies), `pulumi about`.

const POLICY_PACK = path.join(REPO_ROOT, "test", "programs", "policy-pack");
const SECRET = "langhost-e2e-secret";

/** The tsconfig.json of Pulumi's TypeScript templates. */
const TSCONFIG = JSON.stringify({
  compilerOptions: { strict: true, target: "es2020", module: "commonjs", moduleResolution: "node", esModuleInterop: true, skipLibCheck: true },
  files: ["index.ts"],
});

/** A user's program: one Exam whose duration comes from the stack config `test:duration`. */
function examProgram(): string {
  const args = JSON.stringify({ ...validExam({ examId: "ts-exam", examName: "From TypeScript" }), duration: "@DURATION@" }, null, 2);
  return [
    `import * as pulumi from "@pulumi/pulumi";`,
    `import { Exam, type ExamArgs } from "pulumi-proctor";`,
    ``,
    `const config = new pulumi.Config("test");`,
    `const args: ExamArgs = ${args.replace(`"@DURATION@"`, `config.requireNumber("duration")`)};`,
    `export const examId: pulumi.Output<string> = new Exam("ts-exam", args).examId;`,
    ``,
  ].join("\n");
}

/** A project's package.json: without one, cmd/run would take the repository's `main` as the program. */
const packageJson = (name: string, dependencies: Record<string, string> = {}): string =>
  JSON.stringify({ name, version: "0.0.0", private: true, dependencies });

/** Runs `pulumi ARGS` in `cwd` with the stack's private environment (for commands that take no --stack). */
function pulumiIn(stack: PulumiStack, cwd: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", [...args, "--non-interactive", "--color", "never"], { cwd, env: stack.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => ((stdout += chunk), (output += chunk)));
    child.stderr.on("data", (chunk: Buffer) => ((stderr += chunk), (output += chunk)));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, output }));
  });
}

let emulator: Emulator;
let exams: PulumiStack;
const stacks: PulumiStack[] = [];

describe("the Node.js language host, end to end", () => {
  before(async () => {
    emulator = await startEmulator({ integrations: [{ name: "lms", secret: SECRET }] });
    exams = await PulumiStack.create({
      files: { "index.ts": examProgram(), "tsconfig.json": TSCONFIG, "package.json": packageJson("langhost-exams", { "@pulumi/pulumi": "^3.270.0", "pulumi-proctor": "*" }) },
      config: { "proctor:url": emulator.url, "proctor:integrationName": "lms", "test:duration": "120" },
      secrets: { "proctor:jwtSecret": SECRET },
    });
    stacks.push(exams);
  });

  after(async () => {
    await emulator?.close();
    for (const stack of stacks) await stack.cleanup();
  });

  it("a TypeScript project (index.ts, no main) runs with pulumi up and creates its exam", async () => {
    const up = await exams.up();
    assert.equal(up.code, 0, up.output);
    assert.match(up.output, /examId\s*:\s*"ts-exam"/);
    const created = emulator.exams().map((e) => [e.examId, e.exam.examName, e.exam.duration]);
    assert.deepEqual(created, [["ts-exam", "From TypeScript", 120]]);
    assert.deepEqual(emulator.requests().map((r) => r.status), [201]);
  });

  it("runtime options: `tsconfig` picks the TypeScript configuration, `typescript: false` turns ts-node off", async () => {
    // tsconfig.json is unusable (TS5110), tsconfig.pulumi.json is good: only the option makes the program run.
    const broken = JSON.stringify({ compilerOptions: { module: "commonjs", moduleResolution: "nodenext" } });
    const stack = await PulumiStack.create({
      runtime: "{ name: nodejs, options: { tsconfig: tsconfig.pulumi.json } }",
      files: {
        "index.ts": `const answer: number = 42;\nexport const doubled: number = answer * 2;\n`,
        "tsconfig.json": broken,
        "tsconfig.pulumi.json": TSCONFIG,
        "package.json": packageJson("langhost-tsconfig"),
      },
    });
    stacks.push(stack);
    const yaml = path.join(stack.projectDir, "Pulumi.yaml");
    const original = await readFile(yaml, "utf8");

    const withOption = await stack.preview();
    assert.equal(withOption.code, 0, withOption.output);
    assert.match(withOption.output, /doubled\s*:\s*84/);

    await writeFile(yaml, original.replace(/^runtime: .*$/m, "runtime: nodejs"));
    const withoutOption = await stack.preview();
    assert.notEqual(withoutOption.code, 0, withoutOption.output);
    assert.match(withoutOption.output, /TS5110/);

    await writeFile(yaml, original.replace(/^runtime: .*$/m, "runtime: { name: nodejs, options: { typescript: false } }"));
    const plainNode = await stack.preview();
    assert.notEqual(plainNode.code, 0, plainNode.output);
    assert.doesNotMatch(plainNode.output, /TSError|TS5110/);
    assert.match(plainNode.output, /failed to locate the entry point[\s\S]*index\.js\) does not exist/);
  });

  it("pulumi preview --policy-pack runs a local Node.js pack: a mandatory violation fails, a good exam passes", async () => {
    await exams.setConfig("test:duration", "300");
    const bad = await exams.run(["preview", "--policy-pack", POLICY_PACK]);
    assert.notEqual(bad.code, 0, bad.output);
    assert.match(bad.output, /\[mandatory\]\s+exam-duration-at-most-240\s+\(pulumi-nodejs:dynamic\/proctor:Exam: ts-exam\)/);
    assert.match(bad.output, /duration 300 is over 240 minutes/);

    await exams.setConfig("test:duration", "180");
    const good = await exams.run(["preview", "--policy-pack", POLICY_PACK]);
    assert.equal(good.code, 0, good.output);
    assert.match(good.output, /proctor-test-policies@v0\.0\.1 \(local: /);
    assert.doesNotMatch(good.output, /exam-duration-at-most-240/);
    assert.equal(emulator.requests().length, 1, "a preview sent a request");
  });

  it("pulumi install runs npm install in the project", async () => {
    const stack = await PulumiStack.create({
      files: {
        "index.ts": `export const ok = true;\n`,
        "package.json": packageJson("langhost-install", { "tiny-dep": "file:./tiny-dep" }),
        "tiny-dep/package.json": JSON.stringify({ name: "tiny-dep", version: "1.2.3" }),
        "tiny-dep/index.js": `module.exports = "tiny";\n`,
      },
    });
    stacks.push(stack);
    const install = await pulumiIn(stack, stack.projectDir, ["install"]);
    assert.equal(install.code, 0, install.output);
    assert.ok(existsSync(path.join(stack.projectDir, "node_modules", "tiny-dep", "package.json")), install.output);
    assert.ok(existsSync(path.join(stack.projectDir, "package-lock.json")), install.output);
  });

  it("pulumi new ./template installs the template's dependencies and the new project runs", async () => {
    const stack = await PulumiStack.create({ program: "test/programs/smoke/index.js" });
    stacks.push(stack);
    const template = path.join(stack.projectDir, "template");
    const target = path.join(stack.projectDir, "created");
    const files: Record<string, string> = {
      "Pulumi.yaml": "name: ${PROJECT}\ndescription: ${DESCRIPTION}\nruntime: nodejs\ntemplate:\n  config:\n    test:greeting:\n      description: What to say\n      default: hello\n",
      "package.json": packageJson("${PROJECT}", { "tiny-dep": "file:./tiny-dep" }),
      "tiny-dep/package.json": JSON.stringify({ name: "tiny-dep", version: "1.2.3" }),
      "index.ts": `import * as pulumi from "@pulumi/pulumi";\nexport const greeting = new pulumi.Config("test").require("greeting");\n`,
      "tsconfig.json": TSCONFIG,
    };
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(template, file)), { recursive: true });
      await writeFile(path.join(template, file), text);
    }
    await mkdir(target);
    const created = await pulumiIn(stack, target, ["new", template, "--yes", "--name", "langhost-new", "--stack", "dev", "-c", "test:greeting=hi"]);
    assert.equal(created.code, 0, created.output);
    assert.ok(existsSync(path.join(target, "node_modules", "tiny-dep")), created.output);
    assert.match(await readFile(path.join(target, "Pulumi.yaml"), "utf8"), /^name: langhost-new$/m);

    const preview = await pulumiIn(stack, target, ["preview", "--stack", "dev"]);
    assert.equal(preview.code, 0, preview.output);
    assert.match(preview.output, /greeting\s*:\s*"hi"/);
    await rm(template, { recursive: true, force: true });
  });

  it("pulumi about names the node that runs programs and the project's dependencies", async () => {
    const about = await exams.run(["about"]);
    assert.equal(about.code, 0, about.output);
    const version = process.versions.node.replace(/\./g, "\\.");
    assert.match(about.output, new RegExp(`This project is written in nodejs: executable='[^']*node' version='${version}'`));
    // Installed versions, found as Node would from the project (the repository's node_modules here).
    assert.match(about.output, /@pulumi\/pulumi\s+3\.\d+\.\d+/);
    assert.match(about.output, /pulumi-proctor\s+\d+\.\d+\.\d+/);
    assert.doesNotMatch(about.output, /error|unimplemented/i);
  });
});
