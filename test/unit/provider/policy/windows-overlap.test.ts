import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UNKNOWN } from "../../../../provider/exam/schema";
import { examOf } from "../../../../provider/policy/exam";
import { overlappingPairs, overlaps } from "../../../../provider/policy/windows-overlap";
import { resource } from "../../../harness/policy-resources";

describe("provider/policy/windows-overlap", () => {
  it("windows overlap when they share time, not when one ends as the next starts; pairs are per course or per account, whatever the order given", () => {
    assert.equal(overlaps({ start: 0, end: 10 }, { start: 10, end: 20 }), false);
    assert.equal(overlaps({ start: 0, end: 10 }, { start: 9, end: 20 }), true);
    assert.equal(overlaps({ start: 0, end: 30 }, { start: 10, end: 20 }), true);
    const exams = [
      resource("final"),
      // Ends 2027-01-11T09:00+01:00 = 08:00Z, as "final" starts: no overlap.
      resource("quiz", { examId: "quiz", startDate: "2027-01-10T09:00:00+01:00", endDate: "2027-01-11T09:00:00+01:00" }),
      resource("midterm", { examId: "midterm", startDate: "2027-01-15T22:00:00+03:00", endDate: "2027-01-16T08:00:00Z" }),
      resource("bio", { examId: "bio", courseName: "Biology" }),
      resource("copy", {}),
      resource("later", { examId: "later", startDate: UNKNOWN }),
    ].map((r) => examOf(r)!);
    const pairs = (scope: "course" | "account", order: typeof exams) => overlappingPairs(order, scope).map(({ exam: e, other }) => `${e.name}~${other.name}`);
    // Reported on the exam that starts later; "copy" (the final's examId again) is not paired with the final.
    for (const order of [exams, [...exams].reverse()]) {
      assert.deepEqual(pairs("course", order), ["midterm~copy", "midterm~final"]);
      assert.deepEqual(pairs("account", order), ["copy~bio", "final~bio", "midterm~bio", "midterm~copy", "midterm~final"]);
    }
  });
});
