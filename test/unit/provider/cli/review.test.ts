import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { main } from "../../../../provider/cli/review";
import { COMMENT_LIMIT } from "../../../../provider/review/markdown";
import { runCommand } from "../../../harness/cli-io";
import { manySteps } from "../../../harness/review-fixtures";

describe("provider/cli/review", () => {
  // `pulumi-proctor review` in-process, its standard input given as text and its output
  // caught; the built bin with a real pipe: test/integration/provider/cli/review.test.ts.

  /** Runs `pulumi-proctor review <args>` with `input` on its standard input. */
  function cli(args: string[], input?: string) {
    return runCommand(main, args, process.cwd(), input ?? "");
  }

  it("prints a comment, line break included, of at most GitHub's 65,536 characters", async () => {
    const { stdout, code } = await cli([], JSON.stringify({ steps: manySteps(80), diagnostics: [] }));
    assert.equal(code, 0);
    assert.match(stdout, /Left out/);
    assert.ok(stdout.length <= COMMENT_LIMIT, `${stdout.length} characters`);
    assert.ok(stdout.endsWith("\n"));
  });
});
