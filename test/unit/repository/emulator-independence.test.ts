// The emulator is the oracle the provider is tested against: it must not share the
// provider's code (and so its mistakes), nor lean on scripts/ or test/, nor need Pulumi.
// Every import, export-from, import-equals, dynamic import(), import type and require()
// of every file in emulator/ (and of the compiled dist/emulator/ that the package ships)
// is read from the syntax tree, so comments and strings cannot hide or fake one.

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, it } from "node:test";
import ts from "typescript";

// dist/test/unit/repository/ → the repository root.
const ROOT = resolve(__dirname, "..", "..", "..", "..");
const SOURCES = join(ROOT, "emulator");
const COMPILED = join(ROOT, "dist", "emulator");

interface Specifier {
  file: string;
  text: string | undefined; // undefined: not a string literal, so it cannot be checked
  line: number;
}

function filesUnder(dir: string, extensions: readonly string[]): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && extensions.some((ext) => entry.name.endsWith(ext)))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Every module specifier a file names, found in its syntax tree. */
function specifiersOf(file: string, text: string): Specifier[] {
  const kind = file.endsWith(".ts") ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: Specifier[] = [];
  const add = (node: ts.Node, expression: ts.Node | undefined): void => {
    const literal = expression !== undefined && ts.isStringLiteralLike(expression) ? expression.text : undefined;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ file, text: literal, line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      if (node.moduleSpecifier !== undefined) add(node, node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression);
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      add(node, ts.isLiteralTypeNode(argument) ? argument.literal : undefined);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire =
        (ts.isIdentifier(callee) && callee.text === "require") ||
        (ts.isPropertyAccessExpression(callee) && callee.name.text === "resolve" && ts.isIdentifier(callee.expression) && callee.expression.text === "require");
      if (isImport || isRequire) add(node, node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const BUILTINS = new Set(builtinModules);
const DEPENDENCIES = new Set(
  Object.keys((JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies?: object }).dependencies ?? {}),
);

/** Why a specifier is not allowed in the emulator, or undefined when it is. */
function violation(spec: Specifier, folder: string): string | undefined {
  const text = spec.text;
  if (text === undefined) return "a module specifier that is not a string literal cannot be checked";
  if (text.startsWith(".") || text.startsWith("/")) {
    const target = resolve(dirname(spec.file), text);
    const inside = relative(folder, target);
    if (inside === "" || inside.startsWith("..") || inside.startsWith(sep) || resolve(folder, inside) !== target) {
      return `reaches outside emulator/ (${relative(ROOT, target) || "."})`;
    }
    return undefined;
  }
  if (text.startsWith("node:")) return BUILTINS.has(text) || BUILTINS.has(text.slice(5)) ? undefined : "unknown node: module";
  if (BUILTINS.has(text)) return undefined;
  const name = text.startsWith("@") ? text.split("/").slice(0, 2).join("/") : text.split("/")[0]!;
  if (name.startsWith("@pulumi/")) return "imports Pulumi: the emulator must run without it";
  if (name === "pulumi-proctor") return "imports the provider package";
  if (!DEPENDENCIES.has(name)) return `"${name}" is not a runtime dependency of the package`;
  return undefined;
}

function check(folder: string, extensions: readonly string[]): { files: number; imports: number; problems: string[] } {
  assert.ok(existsSync(folder), `${folder} exists`);
  const files = filesUnder(folder, extensions);
  const problems: string[] = [];
  let imports = 0;
  for (const file of files) {
    for (const spec of specifiersOf(file, readFileSync(file, "utf8"))) {
      imports += 1;
      const why = violation(spec, folder);
      if (why !== undefined) problems.push(`${relative(ROOT, file)}:${spec.line} ${JSON.stringify(spec.text ?? null)}: ${why}`);
    }
  }
  return { files: files.length, imports, problems };
}

describe("emulator independence", () => {
  it("no source file of emulator/ imports provider/, scripts/, test/ or @pulumi/*", () => {
    const result = check(SOURCES, [".ts"]);
    assert.ok(result.files >= 10 && result.imports >= 20, `read ${result.files} files and ${result.imports} imports`);
    assert.deepEqual(result.problems, []);
  });

  it("the compiled dist/emulator/ the package ships requires nothing outside it but Node and runtime dependencies", () => {
    const result = check(COMPILED, [".js"]);
    assert.ok(result.files >= 10 && result.imports >= 20, `read ${result.files} files and ${result.imports} requires`);
    assert.deepEqual(result.problems, []);
  });

  it("the checker sees every form of import and flags each forbidden one", () => {
    const file = join(SOURCES, "probe.ts");
    const text = [
      `// import { x } from "../provider/index"; (a comment is not an import)`,
      `import { a } from "./store";`,
      `import type { B } from "../provider/exam/schema";`,
      `export { c } from "../scripts/lib/x";`,
      `import d = require("../test/harness/emulator-testkit");`,
      `const e = require("@pulumi/pulumi");`,
      `type F = import("pulumi-proctor").Exam;`,
      `const g = import("left-pad");`,
      `const h = require(name);`,
      `import "node:http";`,
      `import { SignJWT } from "jose";`,
      `const s = "require('../provider/x')";`,
    ].join("\n");
    const specs = specifiersOf(file, text);
    assert.deepEqual(
      specs.map((s) => s.text ?? null),
      ["./store", "../provider/exam/schema", "../scripts/lib/x", "../test/harness/emulator-testkit", "@pulumi/pulumi", "pulumi-proctor", "left-pad", null, "node:http", "jose"],
    );
    const flagged = specs.filter((s) => violation(s, SOURCES) !== undefined).map((s) => s.text ?? null);
    assert.deepEqual(flagged, ["../provider/exam/schema", "../scripts/lib/x", "../test/harness/emulator-testkit", "@pulumi/pulumi", "pulumi-proctor", "left-pad", null]);
  });
});
