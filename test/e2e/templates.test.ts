import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { parse } from "yaml";
import { loadCatalogue } from "pulumi-proctor";
import { startEmulator, type Emulator } from "../../emulator/server";
import { packCheckout, ProjectCli } from "../harness/package-install";
import { REPO_ROOT } from "../../scripts/lib/pulumi-stack";

// `pulumi new ./templates/catalogue`, as a user starts a project, run non-interactively
// (--yes, the prompts answered with -c) with the real CLI.

const TEMPLATE = path.join(REPO_ROOT, "templates", "catalogue");

const INTEGRATION = { name: "template", secret: "template-secret" };

let dir = "";
let emulator: Emulator;
const clis: ProjectCli[] = [];

describe("pulumi new from the catalogue template, end to end", () => {
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "proctor-template-"));
    emulator = await startEmulator({ integrations: [INTEGRATION] });
  });
  after(async () => {
    await emulator?.close();
    for (const cli of clis) await cli.cleanup();
    if (dir !== "") await rm(dir, { recursive: true, force: true });
  });

  async function cliIn(projectDir: string): Promise<ProjectCli> {
    const cli = await ProjectCli.create(projectDir);
    clis.push(cli);
    return cli;
  }

  function yaml(file: string): Record<string, unknown> {
    return parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  }

  it("the template's Pulumi.yaml prompts for the URL and integration name, and for the JWT secret as a secret", () => {
    const project = yaml(path.join(TEMPLATE, "Pulumi.yaml")) as { runtime: { name: string }; main?: string; template: { config: Record<string, { description: string; secret?: boolean }> } };
    assert.equal(project.runtime.name, "nodejs");
    assert.equal(project.main, undefined);
    const config = project.template.config;
    assert.deepEqual(Object.keys(config).sort(), ["proctor:integrationName", "proctor:jwtSecret", "proctor:url"]);
    assert.equal(config["proctor:jwtSecret"]!.secret, true);
    assert.ok(!config["proctor:url"]!.secret && !config["proctor:integrationName"]!.secret);
    // The template's catalogue is a valid one.
    assert.ok(loadCatalogue({ files: path.join(TEMPLATE, "catalogue.yaml") }).length >= 1);
  });

  it("pulumi new ./templates/catalogue --generate-only writes a TypeScript project named as asked", async () => {
    const target = path.join(dir, "generated");
    await mkdir(target);
    const cli = await cliIn(target);
    // Run in the new, empty folder, the template named by a relative path (as a user
    // would from a checkout beside the project). With --dir, a relative path would be
    // taken from that folder instead.
    await cli.mustRun(["new", path.relative(target, TEMPLATE), "--generate-only", "--yes", "--name", "my-exams", "--description", "Exams of my-lms"], target);
    for (const file of ["Pulumi.yaml", "index.ts", "package.json", "tsconfig.json", "catalogue.yaml", ".gitignore"]) {
      assert.ok(existsSync(path.join(target, file)), `${file} was not generated`);
    }
    const project = yaml(path.join(target, "Pulumi.yaml")) as { name: string; description: string; template?: unknown };
    assert.equal(project.name, "my-exams");
    assert.equal(project.description, "Exams of my-lms");
    assert.equal(project.template, undefined, "the template section is left in the project");
    const manifest = JSON.parse(readFileSync(path.join(target, "package.json"), "utf8")) as {
      name: string;
      main: string;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    assert.equal(manifest.name, "my-exams");
    assert.equal(manifest.main, "index.ts");
    assert.deepEqual(Object.keys(manifest.dependencies).sort(), ["@pulumi/pulumi", "pulumi-proctor"]);
    // The policy pack's library, for `pulumi preview --policy-pack node_modules/pulumi-proctor/policy`.
    assert.ok("@pulumi/policy" in manifest.devDependencies);
    assert.match(readFileSync(path.join(target, "index.ts"), "utf8"), /^\/\/ Exams of my-lms$/m);
  });

  it("pulumi new with -c answers installs the project and creates the stack with the connection config; up sends the template's catalogue", async () => {
    // pulumi-proctor is not on the registry yet: a copy of the template installs the tarball a clone packs.
    const tarball = await packCheckout(path.join(dir, "pack"));
    const template = path.join(dir, "template");
    await cp(TEMPLATE, template, { recursive: true });
    const manifestFile = path.join(template, "package.json");
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as { dependencies: Record<string, string> };
    manifest.dependencies["pulumi-proctor"] = `file:${tarball}`;
    await writeFile(manifestFile, JSON.stringify(manifest, null, 2));

    const target = path.join(dir, "project");
    const cli = await cliIn(target);
    await cli.mustRun(
      ["new", template, "--yes", "--force", "--stack", "test", "--name", "x", "--dir", target,
        "-c", `proctor:url=${emulator.url}`, "-c", `proctor:integrationName=${INTEGRATION.name}`],
      dir,
    );
    assert.ok(existsSync(path.join(target, "node_modules", "pulumi-proctor", "dist", "provider", "index.js")), "pulumi new did not install the package");

    const stackFile = path.join(target, "Pulumi.test.yaml");
    const config = (yaml(stackFile).config ?? {}) as Record<string, unknown>;
    assert.equal(config["proctor:url"], emulator.url);
    assert.equal(config["proctor:integrationName"], INTEGRATION.name);
    // With --yes the secret's prompt is skipped (a -c value would be stored in clear text): it is set as a secret.
    assert.equal(config["proctor:jwtSecret"], undefined);
    await cli.mustRun(["config", "set", "--secret", "--stack", "test", "proctor:jwtSecret", INTEGRATION.secret], target);
    assert.deepEqual(Object.keys((yaml(stackFile).config as Record<string, object>)["proctor:jwtSecret"]!), ["secure"]);
    assert.ok(!readFileSync(stackFile, "utf8").includes(INTEGRATION.secret), "the secret is in the stack file in clear text");

    // The generated TypeScript program, as it is.
    await cli.mustRun(["up", "--yes", "--skip-preview", "--stack", "test"], target);
    const expected = loadCatalogue({ files: path.join(TEMPLATE, "catalogue.yaml") }).map((e) => e.examId).sort();
    assert.deepEqual(emulator.exams().map((e) => e.examId).sort(), expected);

    // The policy pack, as the README and the CI example run it, works in the new project as installed.
    const checked = await cli.mustRun(["preview", "--stack", "test", "--policy-pack", path.join("node_modules", "pulumi-proctor", "policy")], target);
    assert.match(checked.output, /pulumi-proctor@v0\.1\.0 \(local: .*node_modules\/pulumi-proctor\/policy\)/);
  });
});
