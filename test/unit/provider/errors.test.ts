import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import * as errors from "../../../provider/errors";
import { ApiError, ERROR_CODES, engineMessage, exitStatus, ProctorError } from "../../../provider/errors";
import { REPO_ROOT } from "../../../scripts/lib/pulumi-stack";

describe("provider/errors", () => {
  // One error family: every class in provider/errors.ts, every error thrown in
  // provider/ one of them, each with a code a caller can act on.

  function sources(dir: string): { file: string; text: string }[] {
    return readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return { file: path.relative(REPO_ROOT, file), text: readFileSync(file, "utf8") };
      });
  }

  /** The error classes errors.ts exports, by name. */
  const CLASSES = new Map(
    Object.entries(errors).filter((entry): entry is [string, typeof ProctorError] => typeof entry[1] === "function" && entry[1].prototype instanceof Error),
  );

  it("no module of provider/ but errors.ts makes an error of another class, or defines an error class", () => {
    const found: string[] = [];
    for (const { file, text } of sources(path.join(REPO_ROOT, "provider"))) {
      if (file === path.join("provider", "errors.ts")) continue;
      for (const [line, number] of text.split("\n").map((l, i) => [l, i + 1] as const)) {
        for (const m of line.matchAll(/\bnew\s+(\w*Error|\w*Exception)\s*\(/g)) {
          if (!CLASSES.has(m[1])) found.push(`${file}:${number}: new ${m[1]}(`);
        }
        for (const m of line.matchAll(/\bclass\s+(\w+)\s+extends\s+(\w+)/g)) {
          if (m[2].endsWith("Error") || CLASSES.has(m[2])) found.push(`${file}:${number}: class ${m[1]} extends ${m[2]}`);
        }
      }
    }
    assert.deepEqual(found, [], "errors belong in provider/errors.ts, as one of its classes");
  });

  it("every code names its class, what it means, what to do and the CLI's exit status; every class carries a code", () => {
    const named = new Set<string>();
    for (const [code, doc] of Object.entries(ERROR_CODES)) {
      assert.match(code, /^[A-Z]+(_[A-Z]+)*$/, code);
      const cls = CLASSES.get(doc.error);
      assert.ok(cls && (cls === ProctorError || cls.prototype instanceof ProctorError), `${code}: ${doc.error} is no ProctorError of errors.ts`);
      assert.ok(doc.means.length > 20 && doc.todo.length > 20, code);
      assert.ok([1, 70].includes(doc.exit), code);
      named.add(doc.error);
    }
    for (const name of CLASSES.keys()) if (name !== "ProctorError") assert.ok(named.has(name), `${name} carries no code`);
  });

  it("a coded error keeps its message, shows its code in its stack as Node does, and says nothing of our internals", () => {
    const error = new ApiError("PROCTOR_UNAVAILABLE", 'exam "e-1": Proctor answered 503', 503);
    assert.equal(error.message, 'exam "e-1": Proctor answered 503');
    assert.equal(error.stack, 'ApiError [PROCTOR_UNAVAILABLE]: exam "e-1": Proctor answered 503');
    assert.equal(error.name, "ApiError");
    assert.ok(error instanceof ProctorError);
  });

  it("the engine's text of an error ends its first line with the code, once", () => {
    const one = new errors.ConfigError("CONFIG_MISSING", "connection is missing url");
    assert.equal(engineMessage(one), "connection is missing url [CONFIG_MISSING]");
    const many = new errors.RolloverRefused(["a", "b"]);
    assert.equal(engineMessage(many), "refused, nothing was written: [ROLLOVER_REFUSED]\n  - a\n  - b");
    one.message = engineMessage(one);
    assert.equal(engineMessage(one), "connection is missing url [CONFIG_MISSING]");
    assert.equal(engineMessage(new Error("plain")), "plain");
  });

  it("the CLI exits with each code's status: 70 for a fault of pulumi-proctor, 1 for the rest", () => {
    assert.equal(exitStatus(new errors.InternalError("read-back differs")), 70);
    assert.equal(exitStatus(new errors.CatalogueError([])), 1);
    assert.equal(exitStatus(new TypeError("anything else")), 1);
  });

  it("a CatalogueError counts its problems in its first line and lists them as given, the first 50 of them", () => {
    const problem = (i: number) => ({ at: { file: "c.yaml", path: `exams[${i}]` }, position: { line: i + 2, col: 5 }, field: "duration", reason: "must be at least 1" });
    const one = new errors.CatalogueError([problem(0)]);
    assert.equal(one.message, "the exam catalogue has 1 problem; no exam was declared and nothing was sent to Proctor:\n  - c.yaml:2:5: exams[0]: duration: must be at least 1");
    const given = [problem(1), { at: { file: "a.yaml", path: "" }, reason: "file not found" }];
    assert.deepEqual(new errors.CatalogueError(given).message.split("\n"), [
      "the exam catalogue has 2 problems; no exam was declared and nothing was sent to Proctor:",
      "  - c.yaml:3:5: exams[1]: duration: must be at least 1",
      "  - a.yaml (top level): file not found",
    ]);
    const many = new errors.CatalogueError(Array.from({ length: 53 }, (_, i) => problem(i)));
    const lines = many.message.split("\n");
    assert.match(lines[0], /^the exam catalogue has 53 problems;/);
    assert.deepEqual([lines.length, lines[50], lines[51]], [52, "  - c.yaml:51:5: exams[49]: duration: must be at least 1", "  ... and 3 more"]);
    assert.equal(many.problems.length, 53, "the full list stays on the error");
  });
});
