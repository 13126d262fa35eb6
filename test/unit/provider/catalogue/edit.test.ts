import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { editCatalogue } from "../../../../provider/catalogue/edit";
import { parseCatalogueText } from "../../../../provider/catalogue/file";
import { InternalError } from "../../../../provider/errors";

// A catalogue's text changed in a few values, everything else kept as written.

describe("provider/catalogue/edit", () => {
  const YAML = `# top comment

startDate: &sd 2027-01-01T00:00:00Z
duration: 60 # minutes
exams:
  - { examId: a, startDate: "2027-01-01T00:00:00Z" }
  - { examId: b, startDate: *sd }
`;

  it("YAML: every scalar reads as its text; a set value keeps its quoting, comments and anchors, and text that would read as another type is quoted", () => {
    const edit = editCatalogue(YAML, "catalogue.yaml");
    assert.deepEqual(edit.plain, {
      startDate: "2027-01-01T00:00:00Z",
      duration: "60",
      exams: [
        { examId: "a", startDate: "2027-01-01T00:00:00Z" },
        { examId: "b", startDate: "2027-01-01T00:00:00Z" },
      ],
    });
    edit.set(["exams", 0, "examId"], "123");
    edit.set(["exams", 0, "startDate"], "2027-02-01T00:00:00Z");
    edit.set(["startDate"], "2027-03-01T00:00:00Z");
    edit.set(["exams", 1, "startDate"], "2099-01-01T00:00:00Z"); // an alias: changed where it is written, above
    edit.setTop("duration", "90");
    assert.equal(
      edit.text(),
      `# top comment

startDate: &sd 2027-03-01T00:00:00Z
duration: "90" # minutes
exams:
  - { examId: "123", startDate: "2027-02-01T00:00:00Z" }
  - { examId: b, startDate: *sd }
`,
    );
  });

  it("YAML: a path through an alias is left alone too; the node it refers to is changed where it is written", () => {
    const shared = `accounts:
  - courses: &shared
      - { courseCode: PHY, startDate: "2026-09-07T09:00:00Z" }
  - courses: *shared
`;
    const edit = editCatalogue(shared, "catalogue.yaml");
    edit.set(["accounts", 0, "courses", 0, "startDate"], "2026-09-14T09:00:00Z");
    edit.set(["accounts", 1, "courses", 0, "startDate"], "2026-09-14T09:00:00Z");
    assert.equal(edit.text(), shared.replace("09-07", "09-14"));
  });

  it("a new top-level key goes first, under the file's opening comment", () => {
    const edit = editCatalogue(YAML, "catalogue.yaml");
    edit.setTop("term", "2027-spring");
    assert.match(edit.text(), /^# top comment\n\nterm: 2027-spring\nstartDate: &sd/);
  });

  it("a new top-level key's value reads back as the same text, quoted where YAML would read another type", () => {
    for (const term of ["true", "2027", "null", "2027-spring"]) {
      const edit = editCatalogue(YAML, "catalogue.yaml");
      edit.setTop("term", term);
      const parsed = parseCatalogueText(edit.text(), "catalogue.yaml");
      assert.ok(!Array.isArray(parsed), `${term}: ${JSON.stringify(parsed)}`);
      assert.equal((parsed.document as Record<string, unknown>).term, term);
    }
  });

  it("JSON (by extension, in any case): values set in place, a new top-level key first, two-space indent", () => {
    const edit = editCatalogue('{"exams":[{"examId":"a"}],"term":"t1"}', "catalogue.JSON");
    edit.set(["exams", 0, "examId"], "b");
    edit.setTop("examIdTemplate", "{kind}");
    edit.setTop("term", "t2");
    assert.equal(edit.text(), `${JSON.stringify({ examIdTemplate: "{kind}", exams: [{ examId: "b" }], term: "t2" }, null, 2)}\n`);
  });

  it("a catalogue that is a bare list of exams has no top-level key to set", () => {
    assert.throws(() => editCatalogue("- { examId: a }\n", "catalogue.yaml").setTop("term", "t"), (error: Error) => error instanceof InternalError && /list of exams has no term/.test(error.message));
    assert.throws(() => editCatalogue('[{"examId":"a"}]', "catalogue.json").setTop("term", "t"), InternalError);
  });
});
