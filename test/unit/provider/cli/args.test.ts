import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { commandArgs, plural, usageError } from "../../../../provider/cli/args";
import type { CliIo } from "../../../../provider/cli/io";
import { capturedIo } from "../../../harness/cli-io";

// A command's arguments: parsed, or the exit code after --help (0) or a usage error (2).

describe("provider/cli/args", () => {
  const HELP = "usage: pulumi-proctor demo [--force] FILE\n";
  const OPTIONS = { force: { type: "boolean" }, out: { type: "string" } } as const;

  /** Runs `run` with an io that catches what it writes to stdout and stderr, and gives both back. */
  function captured<T>(run: (io: CliIo) => T): { result: T; stdout: string; stderr: string } {
    const { io, output } = capturedIo();
    return { result: run(io), ...output };
  }

  it("options and operands parsed, in any order", () => {
    const { result, stdout, stderr } = captured((io) => commandArgs(io, "demo", HELP, ["a.yaml", "--force", "--out=b.yaml"], OPTIONS));
    assert.ok(typeof result === "object");
    assert.deepEqual(result.positionals, ["a.yaml"]);
    assert.equal(result.values.force, true);
    assert.equal(result.values.out, "b.yaml");
    assert.equal(stdout + stderr, "");
  });

  it("--help or -h: the help on stdout and exit code 0", () => {
    for (const flag of ["--help", "-h"]) {
      const { result, stdout, stderr } = captured((io) => commandArgs(io, "demo", HELP, ["a.yaml", flag], OPTIONS));
      assert.equal(result, 0);
      assert.equal(stdout, HELP);
      assert.equal(stderr, "");
    }
  });

  it("an unknown option or a missing value: exit code 2, the reason and then the help on stderr", () => {
    const unknown = captured((io) => commandArgs(io, "demo", HELP, ["--forse"], OPTIONS));
    assert.equal(unknown.result, 2);
    assert.match(unknown.stderr, /^pulumi-proctor demo: Unknown option '--forse'.*\n\nusage: pulumi-proctor demo \[--force\] FILE\n$/s);
    assert.equal(unknown.stdout, "");
    const missing = captured((io) => commandArgs(io, "demo", HELP, ["--out"], OPTIONS));
    assert.equal(missing.result, 2);
    assert.match(missing.stderr, /^pulumi-proctor demo: Option '--out <value>' argument missing\n\n/);
    assert.deepEqual(captured((io) => usageError(io, "lint", HELP, "no catalogue file given")), { result: 2, stdout: "", stderr: `pulumi-proctor lint: no catalogue file given\n\n${HELP}` });
  });

  it("plural: the count and the word, with an s unless there is exactly one", () => {
    assert.deepEqual([0, 1, 2].map((n) => plural(n, "exam")), ["0 exams", "1 exam", "2 exams"]);
  });
});
