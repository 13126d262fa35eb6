import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pulumiProctor } from "../../../harness/cli";
import { stacksProjects } from "../../../harness/stacks-project";

describe("pulumi-proctor lint --stacks (provider/cli/lint-stacks)", () => {
  // `pulumi-proctor lint --stacks`, the built command in a subprocess on a project's real
  // files: do the stacks, between them, declare each exam of the catalogue exactly once?
  // The rest of its tests run lint in-process: test/unit/provider/cli/lint-stacks.test.ts.

  const { project } = stacksProjects();

  it("stacks that partition the catalogue: exit 0, one line per integration, each stack with its shares and count", async () => {
    const run = await pulumiProctor(["lint", "--stacks", "catalogue.yaml"], await project());
    assert.equal(run.stderr, "");
    assert.equal(run.code, 0);
    assert.deepEqual(run.stdout.trim().split("\n"), [
      "catalogue.yaml: 7 exams in 2 shares (humanities, sciences)",
      'integration "my-lms" at https://proctor.example.org: 7 exams in 2 stacks, each exam in exactly one: humanities (humanities: 3 exams), sciences (sciences: 4 exams)',
    ]);
  });
});
