import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { commentString, importHeader } from "../../../../../provider/cli/import/header";
import { tempFolder } from "../../../../harness/temp-folder";

describe("provider/cli/import/header", () => {
  const folder = tempFolder("import-header-");

  it("commentString: a JSON string in which no line break, control or format character is left as it is", () => {
    assert.equal(commentString("export.csv"), '"export.csv"');
    assert.equal(commentString('x\nrules: {a: "b"}'), '"x\\nrules: {a: \\"b\\"}"');
    assert.equal(commentString("a\u2028b\u2029c\u0085d\u007fe\u202ef"), '"a\\u2028b\\u2029c\\u0085d\\u007fe\\u202ef"');
    // A tag character (U+E0041) is two UTF-16 units, each written.
    assert.equal(commentString("t\u{E0041}"), '"t\\udb40\\udc41"');
    assert.doesNotMatch(commentString("\r\u001b\u200b"), /[\r\u001b\u200b]/);
  });

  it("importHeader: three comment lines, the schema of the nearest installed package by relative path, the source's name and the count", () => {
    mkdirSync(path.join(folder.dir, "node_modules", "pulumi-proctor", "schema"), { recursive: true });
    writeFileSync(path.join(folder.dir, "node_modules", "pulumi-proctor", "schema", "catalogue.schema.json"), "{}");
    mkdirSync(path.join(folder.dir, "catalogues"));
    const header = importHeader("/exports/lms\n.csv", path.join(folder.dir, "catalogues", "catalogue.yaml"), 1);
    assert.deepEqual(header.split("\n"), [
      "# yaml-language-server: $schema=../node_modules/pulumi-proctor/schema/catalogue.schema.json",
      '# Imported from "lms\\n.csv" by `pulumi-proctor import`: 1 exam.',
      "# Values every exam of an account or course shares are written once, at that level.",
    ]);
    assert.match(importHeader("e.csv", path.join(folder.dir, "catalogue.yaml"), 2), /^# yaml-language-server: \$schema=\.\/node_modules\/pulumi-proctor\/schema\/catalogue\.schema\.json\n.*: 2 exams\.\n/);
  });
});
