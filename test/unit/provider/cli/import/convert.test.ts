import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cellValue } from "../../../../../provider/cli/import/convert";

// A cell of an LMS export as the value of the exam field its column fills.

describe("provider/cli/import/convert", () => {
  it("booleans in the spellings spreadsheets use; anything else is left for the schema to report", () => {
    assert.deepEqual(["yes", "Y", "TRUE", "1", "no", "N", "false", "0", "maybe"].map((cell) => cellValue(cell, "boolean")), [true, true, true, true, false, false, false, false, "maybe"]);
  });

  it("numbers only from plain decimals: a leading zero or an exponent stays text", () => {
    assert.deepEqual(["90", "-1.5", "0123", "1e3", " 45 "].map((cell) => cellValue(cell, "number")), [90, -1.5, "0123", "1e3", 45]);
  });

  it("dates as spreadsheets write them become RFC 3339; without an offset none is added; not a date stays as it is", () => {
    assert.equal(cellValue("2027-01-11 08:00 +01:00", "date"), "2027-01-11T08:00:00+01:00");
    assert.equal(cellValue("2027-01-11T08:00:30.5z", "date"), "2027-01-11T08:00:30.5Z");
    assert.equal(cellValue("2027-01-11 08:00", "date"), "2027-01-11T08:00:00");
    assert.equal(cellValue("10.01.2027", "date"), "10.01.2027");
  });

  it("a list is written with semicolons; an empty cell sets nothing; a cell that is not text (JSON) is kept as it is", () => {
    assert.deepEqual(cellValue("calc.exe; ; notepad.exe ", "list"), ["calc.exe", "notepad.exe"]);
    assert.equal(cellValue("   ", "text"), undefined);
    assert.equal(cellValue("", "number"), undefined);
    assert.equal(cellValue(7, "text"), 7);
    assert.deepEqual(cellValue({ allow_to_use_books: true }, "text"), { allow_to_use_books: true });
  });
});
