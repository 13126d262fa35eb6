import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LineCounter, parseDocument } from "yaml";
import { positionIn } from "../../../../provider/catalogue/position";

// Where in a YAML file a problem of an entry's field is written.

describe("provider/catalogue/position", () => {
  const TEXT = `defaults: &d { duration: 60 }
accounts:
  - accountId: "1"
    exams:
      - examId: a
        rules: { allow_to_use_papr: true }
        desktopAppAllowedProcesses: [calc.exe, notepad.exe]
        "odd.key": 1
      - *d
`;

  function locate(entry: string, field?: string, onKey?: boolean) {
    const lines = new LineCounter();
    const doc = parseDocument(TEXT, { lineCounter: lines });
    return positionIn(doc, (offset) => lines.linePos(offset), entry, field, onKey);
  }

  it("a field's value, or its key when the key is at fault; a section key and a list item by path", () => {
    assert.deepEqual(locate("accounts[0].exams[0]", "examId"), { line: 5, col: 17 });
    assert.deepEqual(locate("accounts[0].exams[0]", "rules.allow_to_use_papr", true), { line: 6, col: 18 });
    assert.deepEqual(locate("accounts[0].exams[0]", "desktopAppAllowedProcesses[1]"), { line: 7, col: 48 });
  });

  it("a key with a dot in it is tried whole first; a missing field points at its entry, a missing entry at the nearest one", () => {
    assert.deepEqual(locate("accounts[0].exams[0]", "odd.key", true), { line: 8, col: 9 });
    assert.deepEqual(locate("accounts[0].exams[0]", "examName"), { line: 5, col: 9 });
    assert.deepEqual(locate("accounts[0].exams[7]"), { line: 5, col: 7 });
  });

  it("an alias is followed to what it names", () => {
    assert.deepEqual(locate("accounts[0].exams[1]", "duration"), { line: 1, col: 26 });
  });
});
