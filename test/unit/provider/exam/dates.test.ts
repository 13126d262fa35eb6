import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateExam } from "../../../../provider/exam/schema";
import { validExam } from "../../../../scripts/lib/exams";
import { daysUntil, instantOf, parseInstant, shiftDays, utcMinute } from "../../../../provider/exam/dates";
import { ValidationError } from "../../../../provider/errors";

describe("provider/exam/dates", () => {
  it("fractional seconds: up to nine digits, as the server accepts", () => {
    assert.equal(validateExam(validExam({ startDate: "2018-03-27T00:00:00.123456789Z" })).ok, true);
    const tooPrecise = validateExam(validExam({ startDate: "2018-03-27T00:00:00.1234567890Z" }));
    assert.equal(tooPrecise.ok, false);
    assert.deepEqual(!tooPrecise.ok && tooPrecise.failures.map((f) => f.property), ["startDate"]);
  });

  describe("parseInstant", () => {
    it("reads every offset form as the same instant, and counts leap days and years below 100 as written", () => {
      const instant = Date.parse("2026-03-27T07:00:00Z");
      for (const text of ["2026-03-27T07:00:00Z", "2026-03-27T09:00:00+02:00", "2026-03-27T09:00:00+0200", "2026-03-27T01:30:00-05:30"]) {
        assert.deepEqual(parseInstant(text), { instant }, text);
      }
      assert.deepEqual(parseInstant("2024-02-29T00:00:00Z"), { instant: Date.parse("2024-02-29T00:00:00Z") });
      assert.deepEqual(parseInstant("2026-03-27T07:00:00.25Z"), { instant: instant + 250 });
      assert.equal(new Date((parseInstant("0099-01-01T00:00:00Z") as { instant: number }).instant).getUTCFullYear(), 99);
    });

    it("names what is wrong: no offset (and how to write one), a part out of range, not a date-time at all", () => {
      assert.deepEqual(parseInstant("2026-03-27T09:00:00"), { problem: '"2026-03-27T09:00:00" has no UTC offset; write e.g. 2026-03-27T09:00:00Z' });
      assert.deepEqual(parseInstant("2023-02-29T00:00:00Z"), { problem: 'has day 29, outside 1–28 (got "2023-02-29T00:00:00Z")' });
      assert.deepEqual(parseInstant("2026-03-27T24:00:00Z"), { problem: 'has hour 24, outside 0–23 (got "2026-03-27T24:00:00Z")' });
      assert.deepEqual(parseInstant("2026-03-27T09:00:00+24:00"), { problem: 'has offset hours 24, outside 0–23 (got "2026-03-27T09:00:00+24:00")' });
      assert.match((parseInstant("2026-03-27 09:00:00Z") as { problem: string }).problem, /^must be an ISO 8601 date-time with a UTC offset/);
    });

    it("instantOf: the instant of a valid date-time; undefined for an invalid one or a value that is no string", () => {
      assert.equal(instantOf("2026-03-27T09:00:00Z"), Date.parse("2026-03-27T09:00:00Z"));
      assert.equal(instantOf("2026-03-27T09:00:00"), undefined);
      assert.equal(instantOf(1774602000000), undefined);
    });
  });

  it("shiftDays moves the calendar date only: time, offset and its spelling stay as written, across months and leap days", () => {
    assert.equal(shiftDays("2027-01-31T09:00:00+02:00", 30), "2027-03-02T09:00:00+02:00");
    assert.equal(shiftDays("2024-02-28T23:30:00-0500", 1), "2024-02-29T23:30:00-0500");
    assert.equal(shiftDays("2027-01-01T00:00:00.5Z", -1), "2026-12-31T00:00:00.5Z");
    assert.throws(() => shiftDays("soon", 1), (error: Error) => error instanceof ValidationError && error.message === 'not a date-time: "soon"');
  });

  it("daysUntil counts calendar days from the date as written in its own offset; undefined for a date that is none", () => {
    // 23:00 at -05:00 is already 2 January in UTC; the written date, 1 January, counts.
    assert.equal(daysUntil("2027-01-01T23:00:00-05:00", "2027-01-11"), 10);
    assert.equal(daysUntil("2027-01-11T00:00:00Z", "2027-01-01"), -10);
    assert.equal(daysUntil("2027-01-01T00:00:00Z", "2027-02-30"), undefined);
    assert.equal(daysUntil("2027-01-01T00:00:00Z", "2027-1-3"), undefined);
  });

  it("utcMinute writes an instant to the minute in UTC, the seconds cut, not rounded", () => {
    assert.equal(utcMinute(Date.parse("2027-01-11T10:00:59.999+02:00")), "2027-01-11 08:00");
  });
});
