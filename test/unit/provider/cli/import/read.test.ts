import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { readExport } from "../../../../../provider/cli/import/read";
import { tempFolder } from "../../../../harness/temp-folder";

// An LMS export read as rows of cells by header, with what makes it unreadable.

describe("provider/cli/import/read", () => {
  const folder = tempFolder("import-read-");

  function exported(name: string, text: string) {
    const file = path.join(folder.dir, name);
    writeFileSync(file, text);
    const read = readExport(file);
    return { headers: read.headers, rows: read.rows.map((row) => [row.ref, Object.fromEntries(row.cells)]), problems: read.problems };
  }

  it("a CSV: a byte-order mark dropped, headers trimmed, quoted commas kept, rows numbered as a spreadsheet numbers them", () => {
    assert.deepEqual(exported("e.csv", '\ufeffExam ID, Name \r\na,"x, y"\r\nb,z\r\n'), {
      headers: ["Exam ID", "Name"],
      rows: [
        ["row 2", { "Exam ID": "a", Name: "x, y" }],
        ["row 3", { "Exam ID": "b", Name: "z" }],
      ],
      problems: [],
    });
  });

  it("a CSV's header twice, a row of the wrong length, no header at all, or broken quoting are problems", () => {
    assert.deepEqual(exported("twice.csv", "Exam ID,Exam ID,Name\na,b,c\nd\n").problems, ['row 1: column "Exam ID" appears twice', "row 3: has 1 cells, the header 3"]);
    assert.deepEqual(exported("empty.csv", "").problems, ["the file is empty: a header row and one row per exam were expected"]);
    assert.match(exported("broken.csv", 'a,"b\n').problems.join(), /^not valid CSV: Quote Not Closed/);
  });

  it("a CSV's blank lines and multi-line cells: each row named as a spreadsheet shows it, blank rows counted, a quoted line break within one row", () => {
    const read = exported("gaps.csv", '\nExam ID,Name,Name\na,x\n\nb,"two\nlines"\n\n\nc,z,w,v\n');
    assert.deepEqual(read.rows.map(([ref]) => ref), ["row 3", "row 5", "row 8"]);
    assert.deepEqual(read.problems, ['row 2: column "Name" appears twice', "row 3: has 2 cells, the header 3", "row 5: has 2 cells, the header 3", "row 8: has 4 cells, the header 3"]);
  });

  it("JSON (by extension, in any case): a list of objects, nested sections as dotted headers, each item named by its index", () => {
    assert.deepEqual(exported("e.JSON", JSON.stringify([{ exam_id: "j", rules: { allow_to_use_books: true } }, 5])), {
      headers: ["exam_id", "rules.allow_to_use_books"],
      rows: [
        ["item [0]", { exam_id: "j", "rules.allow_to_use_books": true }],
        ["item [1]", {}],
      ],
      problems: ["item [1]: must be an object of fields"],
    });
    assert.deepEqual(exported("object.json", '{"exams":[]}').problems, ["a JSON export must be a list of objects, one per exam"]);
    assert.match(exported("bad.json", "nope").problems.join(), /^not valid JSON: /);
  });
});
