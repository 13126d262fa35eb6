import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { cp, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { describe, it } from "node:test";
import { REPO_ROOT } from "../../../../scripts/lib/pulumi-stack";
import { main } from "../../../../provider/cli/lint";
import { runCommand } from "../../../harness/cli-io";
import { stacksProjects } from "../../../harness/stacks-project";

describe("provider/cli/lint-stacks", () => {
  // `pulumi-proctor lint --stacks` in-process (lint's main, its output caught) on a project's real
  // files: do the stacks, between them, declare each exam of the catalogue exactly once?

  const { project, folder } = stacksProjects();

  const PROJECT = (shares: string, more = "") => `name: proctor-stacks
runtime: nodejs
config:
  proctor:url: https://proctor.example.org
  proctor:integrationName: my-lms
  proctor:shares:
    value: ${shares}
${more}`;

  it("a staging stack at another integration may declare the whole catalogue; the project is found with --project", async () => {
    const dir = await project({
      "Pulumi.yaml": PROJECT("{ sciences: sciences, humanities: humanities, staging: '*' }"),
      "Pulumi.staging.yaml": "config:\n  proctor:url: https://staging.proctor.example.org\n  proctor:integrationName: my-lms-staging\n",
    });
    const run = await runCommand(main, ["--stacks", "--project", dir, path.join(dir, "catalogue.yaml")], REPO_ROOT);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(run.stdout.trim().split("\n").slice(1), [
      'integration "my-lms" at https://proctor.example.org: 7 exams in 2 stacks, each exam in exactly one: humanities (humanities: 3 exams), sciences (sciences: 4 exams)',
      'integration "my-lms-staging" at https://staging.proctor.example.org: 7 exams in 1 stack: staging (the whole catalogue: 7 exams)',
    ]);
  });

  it("an exam in two stacks of one integration, and a share in none: one line each, exit 1", async () => {
    const dir = await project({
      "Pulumi.yaml": PROJECT("{ sciences: [sciences, humanities], humanities: humanities, history: '*' }"),
      "Pulumi.history.yaml": "config:\n  proctor:integrationName: my-lms-history\n",
    });
    const run = await runCommand(main, ["--stacks", "catalogue.yaml"], dir);
    assert.equal(run.code, 1);
    assert.deepEqual(run.stdout.trim().split("\n"), [
      'Pulumi.humanities.yaml, Pulumi.sciences.yaml: 3 exams (eng-b2-speaking, eng-b2-writing, his-201-essay) are declared by humanities (humanities) and sciences (sciences, humanities), which send them to integration "my-lms" at https://proctor.example.org: each stack would overwrite the other\'s, and a close by either ends them for both; give each share to one stack',
    ]);
    assert.equal(run.stderr, "1 problem\n");

    await writeFile(path.join(dir, "Pulumi.yaml"), PROJECT("{ sciences: sciences, humanities: humanities, history: '*' }"));
    await writeFile(path.join(dir, "catalogue.yaml"), readFileSync(path.join(dir, "catalogue.yaml"), "utf8").replace("      - courseName: History\n", "      - courseName: History\n        share: history\n"));
    const forgotten = await runCommand(main, ["--stacks", "catalogue.yaml"], dir);
    assert.equal(forgotten.code, 1);
    assert.deepEqual(forgotten.stdout.trim().split("\n"), [
      'integration "my-lms" at https://proctor.example.org: 1 exam of share "history" (his-201-essay) is declared by none of its stacks (humanities: humanities; sciences: sciences): add "history" to one stack\'s entry in proctor:shares',
    ]);
  });

  it("a stack without a share beside stacks with shares overlaps them all; the fix names it", async () => {
    const dir = await project({ "Pulumi.yaml": PROJECT("{ sciences: sciences, humanities: humanities, all: '*' }"), "Pulumi.all.yaml": "config: {}\n" });
    const run = await runCommand(main, ["--stacks", "catalogue.yaml"], dir);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^Pulumi\.all\.yaml, Pulumi\.humanities\.yaml: 3 exams \(.*\) are declared by all \(the whole catalogue\) and humanities \(humanities\), .*; give all an entry of shares in proctor:shares$/m);
    assert.match(run.stdout, /^Pulumi\.all\.yaml, Pulumi\.sciences\.yaml: 4 exams/m);
  });

  it("two deployments that send one exam to one integration through a named connection overlap there", async () => {
    const connection = "  proctor:connections:\n    value: { archive: { url: https://archive.example.org, integrationName: archive } }\n";
    const dir = await project({
      "Pulumi.yaml": PROJECT("{ sciences: sciences, humanities: humanities, staging: '*' }", connection),
      "Pulumi.staging.yaml": "config:\n  proctor:url: https://staging.proctor.example.org\n",
    });
    const catalogue = readFileSync(path.join(dir, "catalogue.yaml"), "utf8");
    await writeFile(path.join(dir, "catalogue.yaml"), catalogue.replace("examName: History 201 essay,", "examName: History 201 essay, connection: archive,"));
    const run = await runCommand(main, ["--stacks", "catalogue.yaml"], dir);
    assert.equal(run.code, 1, run.stdout);
    assert.deepEqual(run.stdout.trim().split("\n"), [
      'Pulumi.humanities.yaml, Pulumi.staging.yaml: 1 exam (his-201-essay) is declared by humanities (humanities) and staging (the whole catalogue), which send it to integration "archive" at https://archive.example.org: each stack would overwrite the other\'s, and a close by either ends it for both; give staging an entry of shares in proctor:shares',
    ]);
  });

  it("a stack's own mistakes come first: a stack missing from the map, a map entry without a stack file, a share of no exam, an encrypted map", async () => {
    const dir = await project({
      "Pulumi.yaml": PROJECT("{ sciences: [sciences, sciense], humanties: humanities, physics: sciences }"),
    });
    const run = await runCommand(main, ["--stacks", "catalogue.yaml"], dir);
    assert.equal(run.code, 1);
    assert.deepEqual(run.stdout.trim().split("\n"), [
      "Pulumi.yaml: proctor:shares.humanties: no stack file Pulumi.humanties.yaml: create it with `pulumi stack init humanties` and commit it (the CI workflow runs one job per stack file)",
      "Pulumi.yaml: proctor:shares.physics: no stack file Pulumi.physics.yaml: create it with `pulumi stack init physics` and commit it (the CI workflow runs one job per stack file)",
      'Pulumi.yaml: proctor:shares: has no entry for stack "humanities"; did you mean "humanties"? (its stacks: humanties, physics, sciences): add `humanities: <share>`, or `humanities: "*"` for the whole catalogue',
      'Pulumi.yaml: proctor:shares.sciences: share "sciense" is the share of no exam of the catalogue; did you mean "sciences"? (its shares: humanities, sciences)',
    ]);
    assert.equal(run.stderr, "4 problems\n");

    await writeFile(path.join(dir, "Pulumi.yaml"), "name: proctor-stacks\nruntime: nodejs\n");
    await writeFile(path.join(dir, "Pulumi.sciences.yaml"), "config:\n  proctor:shares:\n    secure: v1:abc\n");
    const encrypted = await runCommand(main, ["--stacks", "catalogue.yaml"], dir);
    assert.equal(encrypted.code, 1);
    assert.equal(encrypted.stdout, "Pulumi.sciences.yaml: proctor:shares: is encrypted; which exams a stack declares is no secret, and every reviewer must see it\n");
  });

  it("stacks of one integration whose config differs pass, with a note that pulumi state move cannot carry exams between them", async () => {
    const dir = await project({ "Pulumi.sciences.yaml": "config:\n  proctor:concurrency: \"4\"\n" });
    const run = await runCommand(main, ["--stacks", "catalogue.yaml"], dir);
    assert.equal(run.code, 0, run.stdout);
    assert.equal(
      run.stdout.trim().split("\n")[2],
      "note: the config of these stacks differs (proctor:concurrency): Pulumi gives each stack's config to its provider, and `pulumi state move` refuses to move exams between stacks whose providers differ; keep their common config in Pulumi.yaml",
    );
  });

  it("no Pulumi project or no stack file: exit 2; --project without --stacks is a usage error", async () => {
    const empty = await folder();
    await cp(path.join(REPO_ROOT, "examples", "stacks", "catalogue.yaml"), path.join(empty, "catalogue.yaml"));
    const none = await runCommand(main, ["--stacks", "catalogue.yaml"], empty);
    assert.equal(none.code, 2);
    assert.equal(none.stderr, `pulumi-proctor lint --stacks: no Pulumi project in ${empty} (Pulumi.yaml not found)\n`);
    await writeFile(path.join(empty, "Pulumi.yaml"), "name: x\nruntime: nodejs\n");
    const noStacks = await runCommand(main, ["--stacks", "catalogue.yaml"], empty);
    assert.equal(noStacks.code, 2);
    assert.equal(noStacks.stderr, `pulumi-proctor lint --stacks: no stack file (Pulumi.<stack>.yaml) in ${empty}\n`);
    const usage = await runCommand(main, ["--project", ".", "catalogue.yaml"], empty);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /^pulumi-proctor lint: --project is an option of --stacks\n/);
  });
});
