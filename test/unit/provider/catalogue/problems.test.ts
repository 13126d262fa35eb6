import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeLocation, describeProblem, type CatalogueProblem } from "../../../../provider/catalogue/problems";

// A catalogue problem as one line, the way compilers write theirs: `file:line:col: entry (examId): field: reason`,
// which terminals and editors turn into a link to the place. (The order problems are listed in is resolve.ts's;
// the CatalogueError that lists them is errors.ts's, tested in test/unit/provider/errors.test.ts.)
describe("provider/catalogue/problems", () => {
  const ENTRY = "accounts[0].courses[1].exams[2]";

  describe("describeProblem", () => {
    it("with a line: file:line:col, then the entry, its examId, the field and the reason", () => {
      const problem: CatalogueProblem = {
        at: { file: "catalogue.yaml", path: ENTRY },
        position: { line: 23, col: 24 },
        examId: "phy-final",
        field: "startDate",
        reason: "has month 13, outside 1–12",
      };
      assert.equal(describeProblem(problem), 'catalogue.yaml:23:24: accounts[0].courses[1].exams[2] (examId "phy-final"): startDate: has month 13, outside 1–12');
    });

    it("without a line (a catalogue in code, a missing file): file, a space, the entry", () => {
      assert.equal(
        describeProblem({ at: { file: 'new Catalogue("uni") args', path: "catalogue.exams[0]" }, field: "duration", reason: "must be at least 1" }),
        'new Catalogue("uni") args catalogue.exams[0]: duration: must be at least 1',
      );
      assert.equal(describeProblem({ at: { file: "missing.yaml", path: "" }, reason: "file not found" }), "missing.yaml (top level): file not found");
    });

    it("the top level with a line names no entry: `file:line:col: reason`, one colon and space, as a compiler's", () => {
      assert.equal(describeProblem({ at: { file: "broken.yaml", path: "" }, position: { line: 3, col: 1 }, reason: "not valid YAML" }), "broken.yaml:3:1: not valid YAML");
      assert.equal(
        describeProblem({ at: { file: "c.yaml", path: "" }, position: { line: 9, col: 7 }, field: "term", reason: "must be 1 to 64 letters" }),
        "c.yaml:9:7: term: must be 1 to 64 letters",
      );
      assert.equal(
        describeProblem({ at: { file: "c.yaml", path: "" }, position: { line: 1, col: 1 }, examId: "x", reason: "r" }),
        'c.yaml:1:1: (examId "x"): r',
        "an examId keeps its own separator",
      );
    });

    it("a default above the exams says how many exams inherit the bad value, in the right number", () => {
      const inherited = (inheritedBy: number) =>
        describeProblem({ at: { file: "c.yaml", path: "accounts[0]" }, position: { line: 13, col: 21 }, field: "identification", reason: "must be one of passport, face", inheritedBy });
      assert.equal(inherited(2), "c.yaml:13:21: accounts[0]: identification: must be one of passport, face [inherited by 2 exams]");
      assert.equal(inherited(1), "c.yaml:13:21: accounts[0]: identification: must be one of passport, face [inherited by 1 exam]");
      assert.equal(inherited(0), "c.yaml:13:21: accounts[0]: identification: must be one of passport, face [inherited by 0 exams]");
    });

    it("an examId with quotes or a line break stays on one line, quoted as JSON", () => {
      const line = describeProblem({ at: { file: "c.yaml", path: "exams[0]" }, position: { line: 2, col: 3 }, examId: 'a"b\nc', field: "examId", reason: "r" });
      assert.equal(line, 'c.yaml:2:3: exams[0] (examId "a\\"b\\nc"): examId: r');
      assert.equal(line.split("\n").length, 1);
    });
  });

  it("describeLocation: where an entry is, for a message that points at another place (a duplicate's first declaration)", () => {
    assert.equal(describeLocation({ file: "bad.yaml", path: ENTRY }, { line: 19, col: 13 }), `bad.yaml:19:13 ${ENTRY}`);
    assert.equal(describeLocation({ file: "bad.yaml", path: ENTRY }), `bad.yaml ${ENTRY}`);
    assert.equal(describeLocation({ file: "bad.yaml", path: "" }, { line: 1, col: 1 }), "bad.yaml:1:1 (top level)");
  });
});
