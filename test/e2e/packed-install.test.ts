import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { startEmulator, type Emulator } from "../../emulator/server";
import { installPackage, mustRun, packCheckout, ProjectCli, PULUMI_SDK } from "../harness/package-install";

// What a user does: the checkout packed as a fresh clone packs it (`npm ci && npm pack`,
// prepack compiling), the tarball installed with `npm install` into a new project
// outside the repository, and the real CLI running that project (TypeScript, as it is)
// against the emulator.

const INTEGRATION = { name: "packed", secret: "packed-secret" };

let dir = "";
let project = "";
let emulator: Emulator;
let cli: ProjectCli | undefined;

const PROGRAM = `// A user's program, using the installed package only.
import { Exam } from "pulumi-proctor";

const exam = new Exam("packed-final", {
  accountId: "7", accountName: "Packed university",
  examId: "packed-final", examName: "Packed final exam", courseName: "Packaging",
  duration: 45, schedule: false, proctoring: "auto", identification: "face",
  startDate: "2030-01-01T09:00:00Z", endDate: "2030-01-31T18:00:00Z",
  rules: { allow_to_use_paper: true },
});

export const status = exam.server.status;
`;

describe("the packed package installed in a new project, end to end", () => {
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "proctor-packed-install-"));
    const tarball = await packCheckout(path.join(dir, "pack"));
    project = path.join(dir, "project");
    await mkdir(project);
    await writeFile(path.join(project, "package.json"), `${JSON.stringify({ name: "packed-install", version: "1.0.0", private: true, main: "index.ts" }, null, 2)}\n`);
    await writeFile(path.join(project, "Pulumi.yaml"), "name: packed-install\nruntime: nodejs\ndescription: A program that installs pulumi-proctor from its tarball\n");
    await writeFile(path.join(project, "index.ts"), PROGRAM);
    const compilerOptions = { strict: true, module: "commonjs", moduleResolution: "node", target: "es2022", esModuleInterop: true, skipLibCheck: true };
    await writeFile(path.join(project, "tsconfig.json"), `${JSON.stringify({ compilerOptions, files: ["index.ts"] }, null, 2)}\n`);
    // As in every Pulumi TypeScript project: its own TypeScript (the SDK's fallback is too old for the package's types).
    await installPackage(project, tarball, [PULUMI_SDK, "typescript@~5.9.3"]);
    emulator = await startEmulator({ integrations: [INTEGRATION] });
  });

  after(async () => {
    await emulator?.close();
    await cli?.cleanup();
    if (dir !== "") await rm(dir, { recursive: true, force: true });
  });

  it("the tarball a fresh clone packs holds the compiled package, and npm install puts it in node_modules", () => {
    const installed = path.join(project, "node_modules", "pulumi-proctor");
    for (const file of ["dist/provider/index.js", "dist/provider/index.d.ts", "dist/provider/provider.js", "dist/emulator/cli.js", "emulator/package.json", "policy/PulumiPolicy.yaml", "policy/package.json", "dist/provider/policy/index.js", "LICENSE", "README.md"]) {
      assert.ok(existsSync(path.join(installed, file)), `${file} is not installed`);
    }
    assert.ok(!existsSync(path.join(installed, "dist", "test")), "tests are packed");
    const manifest = JSON.parse(readFileSync(path.join(project, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    assert.match(manifest.dependencies["pulumi-proctor"] ?? "", /\.tgz$/);
    assert.equal(manifest.dependencies["@pulumi/pulumi"], "^3.270.0");
  });

  it("npx pulumi-proctor review runs from the installed package", async () => {
    const help = await mustRun("npx", ["pulumi-proctor", "review", "--help"], project);
    assert.match(help, /^usage: pulumi-proctor review \[PREVIEW_JSON\]/);
  });

  it("npx pulumi-proctor import, lint and rollover run from the installed package: an export becomes a catalogue that lints clean and rolls over to next term; the JSON Schema is where the catalogue's editor comment points", async () => {
    const header = "Exam ID,Exam Name,Course,Account ID,Department,Start,End,Duration,Proctoring,Schedule";
    const rows = ["p-1,Final,Packaging,7,Packed university,2030-01-01 09:00 Z,2030-01-31T18:00:00Z,60,auto,no", "p-2,Quiz,Packaging,7,Packed university,2030-01-01 09:00 Z,2030-01-31T18:00:00Z,30,auto,no"];
    await writeFile(path.join(project, "export.csv"), `${header}\n${rows.join("\n")}\n`);
    assert.match(await mustRun("npx", ["pulumi-proctor", "import", "export.csv", "--out", "catalogue.yaml"], project), /^wrote catalogue\.yaml: 2 exams in 1 account/);
    assert.equal(await mustRun("npx", ["pulumi-proctor", "lint", "catalogue.yaml"], project), "catalogue.yaml: 2 exams in 1 account, no problems\n");
    const comment = /^# yaml-language-server: \$schema=(.+)$/m.exec(readFileSync(path.join(project, "catalogue.yaml"), "utf8"))?.[1] ?? "";
    assert.equal(comment, "./node_modules/pulumi-proctor/schema/catalogue.schema.json");
    const schema = JSON.parse(readFileSync(path.join(project, comment), "utf8")) as { $schema: string };
    assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");

    const rolled = await mustRun("npx", ["pulumi-proctor", "rollover", "catalogue.yaml", "--to-term", "2030-autumn", "--shift-days", "182"], project);
    assert.match(rolled, /^wrote catalogue-2030-autumn\.yaml: 2 exams for term 2030-autumn, windows moved \+182 days\n {2}p-1 -> p-1-2030-autumn \(appended: the source has no term\)\n/);
    assert.equal(await mustRun("npx", ["pulumi-proctor", "lint", "catalogue-2030-autumn.yaml"], project), "catalogue-2030-autumn.yaml: 2 exams in 1 account, no problems\n");
  });

  it("pulumi preview plans the exam and sends nothing; up creates it; a second preview changes and sends nothing", async () => {
    cli = await ProjectCli.create(project);
    await cli.mustRun(["stack", "init", "test"]);
    await cli.mustRun(["config", "set", "proctor:url", emulator.url]);
    await cli.mustRun(["config", "set", "proctor:integrationName", INTEGRATION.name]);
    await cli.mustRun(["config", "set", "--secret", "proctor:jwtSecret", INTEGRATION.secret]);

    const planned = await cli.mustRun(["preview", "--diff"]);
    assert.match(planned.output, /\+ pulumi-nodejs:dynamic\/proctor:Exam: \(create\)/);
    assert.match(planned.output, /examId\s*: "packed-final"/);
    assert.deepEqual(emulator.requests(), [], "preview sent requests");

    const up = await cli.mustRun(["up", "--yes", "--skip-preview"]);
    assert.match(up.output, /status\s*: 201/);
    assert.deepEqual(emulator.requests().map((r) => r.status), [201]);
    const [stored] = emulator.exams();
    assert.equal(stored?.examId, "packed-final");
    assert.equal(stored?.exam.examName, "Packed final exam");
    assert.equal(stored?.integration, INTEGRATION.name);

    const again = await cli.mustRun(["preview", "--diff"]);
    assert.doesNotMatch(again.output, /to create|to update|to replace/);
    assert.match(again.output, /2 unchanged/); // the exam and the stack
    assert.equal(emulator.requests().length, 1, "the second preview sent requests");

    // The state holds a require of the installed package, not code or a path into the checkout.
    const exported = await cli.mustRun(["stack", "export", "--stack", "test"]);
    const provider = /"__provider":\s*"((?:[^"\\]|\\.)*)"/.exec(exported.stdout)?.[1] ?? "";
    assert.match(provider, /require\(\\"pulumi-proctor\//);
    assert.ok(!exported.stdout.includes(path.resolve(__dirname, "..", "..", "..")), "the state names the checkout");
  });

  it("the policy pack without @pulumi/policy (an optional peer, not installed here) fails with one line saying what to install, no stack trace", async () => {
    assert.ok(!existsSync(path.join(project, "node_modules", "@pulumi", "policy")), "@pulumi/policy is installed: this test needs it absent");
    assert.ok(cli, "the stack of the tests above");
    const run = await cli.run(["preview", "--policy-pack", "node_modules/pulumi-proctor/policy"]);
    assert.notEqual(run.code, 0, run.output);
    const lines = run.output.split("\n").filter((line) => line.includes("@pulumi/policy"));
    assert.ok(lines.length > 0, run.output);
    for (const line of lines) {
      assert.match(line, /pulumi-proctor's policy pack needs @pulumi\/policy, which is not installed here: run `npm install --save-dev @pulumi\/policy@\^1\.21\.0`/, run.output);
    }
    assert.doesNotMatch(run.output, /MODULE_NOT_FOUND|Require stack|^\s+at .*\(.*:\d+:\d+\)$|requireStack/m, run.output);
  });
});
