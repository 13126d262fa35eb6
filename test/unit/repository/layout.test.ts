import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import ts = require("typescript");
import { REPO } from "../../../scripts/docs/main";

// Where a test lives says what it tests and what it needs:
//   test/unit/<module>.test.ts         tests <module>.ts (under provider/, emulator/ or scripts/), with
//                                      no socket, process or npm; test/unit/repository/ checks the
//                                      repository as a whole (docs, this layout);
//   test/integration/**                needs a server on loopback or a process, not the Pulumi CLI;
//   test/e2e/**                        runs the real Pulumi CLI.
// One style throughout: each file's tests and hooks sit in describe blocks, never at the top,
// since the unit tier runs every file in one process, where a top-level hook would span them all.

const MODULE_ROOTS = ["provider", "emulator", "scripts"];

function filesUnder(dir: string): string[] {
  const full = path.join(REPO, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true, encoding: "utf8" })
    .map((file) => path.posix.join(dir, file.split(path.sep).join("/")))
    .filter((file) => file.endsWith(".ts"));
}

const testFiles = (dir: string) => filesUnder(dir).filter((file) => file.endsWith(".test.ts"));

// Each test file is parsed once, whichever checks read it.
const sources = new Map<string, ts.SourceFile>();
function sourceOf(file: string): ts.SourceFile {
  let source = sources.get(file);
  if (!source) {
    source = ts.createSourceFile(file, readFileSync(path.join(REPO, file), "utf8"), ts.ScriptTarget.Latest);
    sources.set(file, source);
  }
  return source;
}

/** The calls a file makes at its top level: name and, when it is a string literal, the first argument. */
function topLevelCalls(file: string): { name: string; title?: string }[] {
  const source = sourceOf(file);
  const calls: { name: string; title?: string }[] = [];
  for (const statement of source.statements) {
    if (!ts.isExpressionStatement(statement)) continue;
    let expression = statement.expression;
    if (ts.isAwaitExpression(expression) || ts.isVoidExpression(expression)) expression = expression.expression;
    if (!ts.isCallExpression(expression)) continue;
    const callee = expression.expression;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.getText(source) : "";
    const first = expression.arguments[0];
    calls.push({ name, title: first && ts.isStringLiteralLike(first) ? first.text : undefined });
  }
  return calls;
}

/** The names a file imports from node:test. */
function testRunnerImports(file: string): string[] {
  const source = sourceOf(file);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.moduleSpecifier.text !== "node:test") continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) names.push(...bindings.elements.map((e) => (e.propertyName ?? e.name).text));
    else names.push("<not named imports>");
  }
  return names;
}

const HOOKS_AND_TESTS = new Set(["it", "test", "before", "after", "beforeEach", "afterEach", "suite"]);

/** The module a unit test file tests: test/unit/provider/exam/plan.test.ts → provider/exam/plan. */
const moduleOf = (file: string) => file.replace(/^test\/unit\//, "").replace(/\.test\.ts$/, "");

/**
 * The modules of provider/ with no test file of their own, each with where its
 * behaviour is tested instead. Every other module has test/unit/<module>.test.ts
 * or test/integration/<module>.test.ts; a module added without either fails below.
 */
const TESTED_ELSEWHERE: Record<string, string> = {
  "provider/cli/commands": "the command table: each command runs through the built CLI in test/integration/provider/cli/",
  "provider/cli/main": "the bin's dispatch and exit statuses: test/integration/provider/cli/ runs it for every command",
  "provider/exam/orphan-watch": "the provider process leaves when its CLI is gone: only the real CLI shows it (test/e2e/faults.test.ts, test/e2e/skip-checkpoints.test.ts)",
  "provider/group-provider": "the path an ExamGroup's state requires: serialized in test/unit/provider/group/resource.test.ts, its methods run in test/e2e/granularity.test.ts",
  "provider/policy/index": "the pack's entry, loaded by policy/ at the top: test/e2e/policy-pack.test.ts",
  "provider/policy/policies": "the list of rules: each rule has its file; the docs' rule table is checked in test/unit/repository/docs.test.ts, the pack run in test/e2e/policy-pack.test.ts",
};

describe("the layout of test/", () => {
  it("every unit test file is named for the module it tests, beside its path", () => {
    const astray = testFiles("test/unit")
      .filter((file) => !file.startsWith("test/unit/repository/"))
      .filter((file) => !(MODULE_ROOTS.includes(moduleOf(file).split("/")[0]) && existsSync(path.join(REPO, `${moduleOf(file)}.ts`))));
    assert.deepEqual(astray, [], "a unit test file is test/unit/<module>.test.ts for a module <module>.ts under provider/, emulator/ or scripts/");
  });

  it("test/unit holds test files only; shared helpers live in test/harness", () => {
    const helpers = filesUnder("test/unit").filter((file) => !file.endsWith(".test.ts"));
    assert.deepEqual(helpers, []);
  });

  it("one style: tests and hooks sit in describe blocks, imported as describe and it, never test", () => {
    const files = [...testFiles("test/unit"), ...testFiles("test/integration"), ...testFiles("test/e2e")];
    const wrong = files.flatMap((file) => {
      const problems: string[] = [];
      const imported = testRunnerImports(file);
      if (imported.includes("test") || imported.includes("<not named imports>")) problems.push(`${file}: imports test from node:test; use describe and it`);
      const calls = topLevelCalls(file);
      for (const call of calls) {
        if (HOOKS_AND_TESTS.has(call.name)) problems.push(`${file}: ${call.name}(${call.title ? JSON.stringify(call.title) : ""}) at the top level; put it in a describe`);
      }
      if (!calls.some((call) => call.name === "describe")) problems.push(`${file}: no describe at the top level`);
      return problems;
    });
    assert.deepEqual(wrong, []);
  });

  it("a unit file holds one describe at its top, titled with the module's path", () => {
    const wrong = testFiles("test/unit")
      .filter((file) => !file.startsWith("test/unit/repository/"))
      .flatMap((file) => {
        const describes = topLevelCalls(file).filter((call) => call.name === "describe");
        return describes.length === 1 && describes[0].title === moduleOf(file)
          ? []
          : [`${file}: ${describes.length} top-level describe(s) titled ${describes.map((d) => JSON.stringify(d.title)).join(", ")}; want one, ${JSON.stringify(moduleOf(file))}`];
      });
    assert.deepEqual(wrong, []);
  });

  it("every module of provider/ has a test file of its own, or says where its behaviour is tested", () => {
    const hasFile = (module: string) => ["unit", "integration"].some((tier) => existsSync(path.join(REPO, "test", tier, `${module}.test.ts`)));
    const modules = filesUnder("provider").map((file) => file.replace(/\.ts$/, ""));
    assert.deepEqual(modules.filter((m) => !hasFile(m) && !(m in TESTED_ELSEWHERE)), [], "write test/unit/<module>.test.ts (or, for a module only a process or server shows, list it in TESTED_ELSEWHERE)");
    assert.deepEqual(Object.keys(TESTED_ELSEWHERE).filter((m) => hasFile(m) || !modules.includes(m)), [], "these have a test file now, or are gone: remove them from TESTED_ELSEWHERE");
    const named = Object.values(TESTED_ELSEWHERE).flatMap((reason) => reason.match(/test\/[\w./-]+/g) ?? []);
    assert.deepEqual(named.filter((file) => !existsSync(path.join(REPO, file))), [], "TESTED_ELSEWHERE names tests that do not exist");
  });
});
