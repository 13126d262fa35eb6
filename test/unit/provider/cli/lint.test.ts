import assert from "node:assert/strict";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, it, before, after } from "node:test";
import { REPO_ROOT } from "../../../../scripts/lib/pulumi-stack";
import { main } from "../../../../provider/cli/lint";
import { runCommand } from "../../../harness/cli-io";

describe("provider/cli/lint", () => {
  // `pulumi-proctor lint` in-process on real files, in a folder of its own, its output caught
  // (test/integration/provider/cli/lint.test.ts runs the built bin as a pre-commit hook does).

  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "lint-test-"));
    await cp(path.join(REPO_ROOT, "examples", "catalogue", "catalogue.yaml"), path.join(dir, "catalogue.yaml"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("every problem of every file given, one a line as file:line:column:, and exit 1", async () => {
    const house = [
      "accountId: \"900\"",
      "accountName: Extra",
      "schedule: false",
      "proctoring: auto",
      "duration: 60",
      "startDate: \"2027-01-11T08:00:00Z\"",
      "endDate: \"2027-01-12T08:00:00Z\"",
      "exams:",
    ];
    await writeFile(path.join(dir, "first.yaml"), [...house, "  - { examId: phy-101-final, examName: First }", ""].join("\n"));
    await writeFile(
      path.join(dir, "more.yaml"),
      [
        ...house,
        "  - examId: phy-101-final", // also in first.yaml
        "    examName: Copy",
        "  - examId: extra-1",
        "    examName: Extra",
        "    durration: 60",
        "    rules: { allow_to_use_papr: true }",
        "  - { examId: extra-2, examName: Late, endDate: \"2027-01-01T00:00:00Z\" }",
        "",
      ].join("\n"),
    );
    const run = await runCommand(main, ["first.yaml", "more.yaml"], dir);
    assert.equal(run.code, 1);
    assert.deepEqual(run.stdout.trim().split("\n"), [
      'more.yaml:9:13: exams[0] (examId "phy-101-final"): examId: "phy-101-final" is declared twice; the first is at first.yaml:9:5 exams[0]',
      'more.yaml:13:5: exams[1] (examId "extra-1"): durration: unknown key; did you mean "duration"?',
      'more.yaml:14:14: exams[1] (examId "extra-1"): rules.allow_to_use_papr: unknown key; did you mean "allow_to_use_paper"?',
      'more.yaml:15:49: exams[2] (examId "extra-2"): endDate: must not be earlier than startDate (endDate 2027-01-01T00:00:00Z is before startDate 2027-01-11T08:00:00Z)',
    ]);
    assert.equal(run.stderr, "4 problems\n");
  });

  it("a YAML syntax error and a missing file are problems too; no file is a usage error (exit 2)", async () => {
    await writeFile(path.join(dir, "broken.yaml"), "exams:\n  - examId: a\n   examName: b\n");
    const run = await runCommand(main, ["broken.yaml", "gone.yaml"], dir);
    assert.equal(run.code, 1);
    assert.deepEqual(run.stdout.trim().split("\n"), [
      "broken.yaml:3:1: not valid YAML: Sequence item without - indicator",
      `gone.yaml (top level): file not found (resolved from ${dir})`,
    ]);
    const usage = await runCommand(main, [], dir);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /^pulumi-proctor lint: no catalogue file given\n\nusage: pulumi-proctor lint /);
  });
});
