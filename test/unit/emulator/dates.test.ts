// The emulator's reading of an exam's startDate and endDate: the instant a date-time with an
// offset names, which the date-order check compares (the HTTP answers are in
// test/integration/emulator/validate.test.ts).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseOffsetDateTime } from "../../../emulator/dates";

describe("emulator/dates", () => {
  it("reads Z, +HH:MM and +HHMM as the same instant Date does", () => {
    const instant = Date.parse("2030-01-01T09:00:00Z");
    for (const text of ["2030-01-01T09:00:00Z", "2030-01-01T09:00:00+00:00", "2030-01-01T09:00:00+0000", "2030-01-01T11:30:00+02:30", "2030-01-01T01:00:00-0800", "2030-01-01T09:00Z"]) {
      assert.equal(parseOffsetDateTime(text), instant, text);
    }
  });

  it("keeps the fraction of a second, below the millisecond too", () => {
    assert.equal(parseOffsetDateTime("2030-01-01T09:00:00.123Z"), Date.parse("2030-01-01T09:00:00.123Z"));
    const below = parseOffsetDateTime("2030-01-01T09:00:00.0005Z")! - Date.parse("2030-01-01T09:00:00Z");
    assert.ok(Math.abs(below - 0.5) < 0.01, `${below} ms past the second`);
  });

  it("knows leap years: 29 February 2028 exists, 2027's and 2100's do not", () => {
    assert.equal(parseOffsetDateTime("2028-02-29T00:00:00Z"), Date.parse("2028-02-29T00:00:00Z"));
    assert.equal(parseOffsetDateTime("2027-02-29T00:00:00Z"), undefined);
    assert.equal(parseOffsetDateTime("2100-02-29T00:00:00Z"), undefined);
    assert.equal(parseOffsetDateTime("2000-02-29T00:00:00Z"), Date.parse("2000-02-29T00:00:00Z"));
  });

  it("reads a year below 100 as itself, not as 19xx", () => {
    assert.equal(new Date(parseOffsetDateTime("0050-06-01T00:00:00Z")!).getUTCFullYear(), 50);
  });

  it("refuses a date-time without an offset, or with an impossible field or offset", () => {
    for (const text of ["2030-01-01T09:00:00", "2030-01-01", "2030-04-31T09:00:00Z", "2030-13-01T09:00:00Z", "2030-01-01T24:00:00Z", "2030-01-01T09:60:00Z", "2030-01-01T09:00:60Z", "2030-01-01T09:00:00+24:00", "2030-01-01T09:00:00+01:60", "2030-01-01 09:00:00Z", ""]) {
      assert.equal(parseOffsetDateTime(text), undefined, text);
    }
  });
});
