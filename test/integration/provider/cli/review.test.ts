import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { describe, it } from "node:test";
import { REPO_ROOT } from "../../../../scripts/lib/pulumi-stack";
import { FIXTURES, fixtureText } from "../../../harness/review-fixtures";

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
  // The built bin with its standard input piped; the rest of its tests run it in-process:
  // test/unit/provider/cli/review.test.ts.

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
});
