import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { describe, it } from "node:test";
import { COMMENT_LIMIT } from "../../../../provider/review/markdown";
import { REPO_ROOT } from "../../../../scripts/lib/pulumi-stack";
import { FIXTURES, fixtureText, manySteps } from "../../../harness/review-fixtures";

/** Runs `pulumi-proctor review <args>` in a subprocess with `input` on its standard input. */
function cli(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [path.join(REPO_ROOT, "dist", "provider", "cli", "main.js"), "review", ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
    child.stdin!.end(input ?? "");
  });
}

describe("pulumi-proctor review", () => {
  it("reads standard input, and says what is wrong with bad input or flags", async () => {
    const piped = await cli(["--format=markdown"], fixtureText("failed.json"));
    assert.equal(piped.code, 0, piped.stderr);
    assert.match(piped.stdout, /duration: must be at least 1/);
    const text = await cli([], "Previewing update (test):\n");
    assert.equal(text.code, 1);
    assert.match(text.stderr, /standard input is not JSON \(was it made with `pulumi preview --json`\?/);
    const format = await cli(["--format", "pdf", path.join(FIXTURES, "preview.json")]);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format must be markdown or html \(got "pdf"\)/);
    const missing = await cli([path.join(FIXTURES, "nope.json")]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read .*nope\.json/);
  });

  it("prints a comment, line break included, of at most GitHub's 65,536 characters", async () => {
    const { stdout, code } = await cli([], JSON.stringify({ steps: manySteps(80), diagnostics: [] }));
    assert.equal(code, 0);
    assert.match(stdout, /Left out/);
    assert.ok(stdout.length <= COMMENT_LIMIT, `${stdout.length} characters`);
    assert.ok(stdout.endsWith("\n"));
  });
});
