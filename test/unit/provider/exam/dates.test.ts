import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateExam } from "../../../../provider/exam/schema";
import { validExam } from "../../../../scripts/lib/exams";

describe("provider/exam/dates", () => {
  it("fractional seconds: up to nine digits, as the server accepts", () => {
    assert.equal(validateExam(validExam({ startDate: "2018-03-27T00:00:00.123456789Z" })).ok, true);
    const tooPrecise = validateExam(validExam({ startDate: "2018-03-27T00:00:00.1234567890Z" }));
    assert.equal(tooPrecise.ok, false);
    assert.deepEqual(!tooPrecise.ok && tooPrecise.failures.map((f) => f.property), ["startDate"]);
  });
});
