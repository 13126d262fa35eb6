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
});
