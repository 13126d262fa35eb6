import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { REPO_ROOT } from "../../scripts/lib/pulumi-stack";

// The example GitHub workflows, checked by GitHub's own rules as actionlint knows them:
// syntax, expressions and their contexts, job outputs and `needs`, the matrix, action
// inputs, and (when shellcheck is on PATH) each `run:` script. The set-up puts actionlint
// on PATH for `npm test` (scripts/toolchain/setup.sh).

const WORKFLOWS = ["exams.yml", "stacks.yml"].map((name) => path.join(REPO_ROOT, "examples", "ci", name));

function actionlint(files: readonly string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    execFile("actionlint", ["-no-color", ...files], (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== "number") reject(new Error(`actionlint did not run (is it on PATH? npm test builds it): ${error.message}`));
      else resolve({ code: error === null ? 0 : Number(error.code), output: stdout + stderr });
    });
  });
}

describe("the example workflows, checked by actionlint", () => {
  it("actionlint finds nothing in the example workflows", async () => {
    const run = await actionlint(WORKFLOWS);
    assert.equal(run.output, "");
    assert.equal(run.code, 0);
  });

  it("actionlint is really checking: a matrix read from an output the stacks job does not declare is an error", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "workflow-lint-"));
    try {
      const broken = path.join(dir, "stacks.yml");
      const text = await readFile(WORKFLOWS[1]!, "utf8");
      assert.ok(text.includes("needs.stacks.outputs.stacks"));
      await writeFile(broken, text.replaceAll("needs.stacks.outputs.stacks", "needs.stacks.outputs.stack_list"));
      const run = await actionlint([broken]);
      assert.equal(run.code, 1);
      assert.match(run.output, /property "stack_list" is not defined/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
