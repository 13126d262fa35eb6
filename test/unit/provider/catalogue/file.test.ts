import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadCatalogue } from "pulumi-proctor";
import { readCatalogueFile } from "../../../../provider/catalogue/file";
import { HOUSE, catalogueFolder } from "../../../harness/catalogue";

describe("provider/catalogue/file", () => {
  // A catalogue file read: YAML 1.2's scalars, syntax errors at their line and column, a missing file.
  const folder = catalogueFolder("catalogue-file-");
  const { file, problemsOf } = folder;

  it("ids keep their spelling: only plain decimals are numbers in a catalogue file", async () => {
    await file(
      "ids.yaml",
      `${HOUSE}
accountName: Science
exams:
  - { examId: 00123, accountId: 0x1F, examName: Leading zeros }
  - { examId: 124, accountId: 7, examName: Plain number }
`,
    );
    const exams = loadCatalogue({ files: "ids.yaml" }, folder.dir);
    assert.deepEqual(
      exams.map((e) => [e.examId, e.args.accountId, e.args.startDate]),
      [
        ["00123", "0x1F", "2027-01-11T08:00:00Z"],
        ["124", 7, "2027-01-11T08:00:00Z"],
      ],
    );
  });

  it("a missing file and every YAML syntax error are reported with the rest, each error at its line and column", async () => {
    await file("broken.yaml", "exams:\n  - examId: a\n   examName: misaligned\n  - { examId: b, examId: c }\n");
    assert.deepEqual(problemsOf({ files: ["missing.yaml", "broken.yaml"] }), [
      `missing.yaml (top level): file not found (resolved from ${folder.dir})`,
      "broken.yaml:3:1: not valid YAML: Sequence item without - indicator",
      "broken.yaml:4:18: not valid YAML: Map keys must be unique",
    ]);
  });

  it("yes, no, dates, 0x1F and 1e3 stay text; only YAML 1.2's true/false and plain decimals are not", async () => {
    await file("scalars.yaml", "- { a: yes, b: no, c: 2027-01-11, d: 0x1F, e: 1e3, f: True, g: -1.5, h: ~, i: '12' }\n");
    const read = readCatalogueFile("scalars.yaml", folder.dir);
    assert.ok(!Array.isArray(read));
    assert.deepEqual(read.document, [{ a: "yes", b: "no", c: "2027-01-11", d: "0x1F", e: "1e3", f: true, g: -1.5, h: null, i: "12" }]);
    await file("tagged.yaml", "- { examId: !!int 0x1F }\n");
    assert.deepEqual(problemsOf({ files: "tagged.yaml" }), ["tagged.yaml:1:13: not valid YAML: Unresolved tag: tag:yaml.org,2002:int"]);
  });
});
