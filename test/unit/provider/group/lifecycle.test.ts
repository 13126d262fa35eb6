import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type * as pulumi from "@pulumi/pulumi";
import * as group from "../../../../provider/group/lifecycle";
import { encodeExam } from "../../../../provider/group/shape";
import { validExam } from "../../../../scripts/lib/exams";

describe("provider/group/lifecycle", () => {
  // check() of a course-level resource: every exam checked as an Exam's arguments,
  // failures named by exam and field, and an exam unchanged since the last check not checked again.

  async function configured(): Promise<void> {
    const values: Record<string, string> = { "proctor:url": "https://proctor.example.org", "proctor:integrationName": "lms", "proctor:jwtSecret": "group-check-secret" };
    await group.configure({ config: { get: (key: string) => values[key] } as unknown as pulumi.dynamic.ConfigureRequest["config"] });
  }

  it("every exam is checked, all failures at once, each named by examId and field", async () => {
    await configured();
    const exams = {
      good: encodeExam(validExam({ examId: "good" })),
      short: encodeExam(validExam({ examId: "short", duration: 0 })),
      late: encodeExam(validExam({ examId: "late", startDate: "2027-02-01T00:00:00Z", endDate: "2027-01-01T00:00:00Z" })),
      elsewhere: encodeExam(validExam({ examId: "other-id" })),
    };
    const { failures, inputs } = await group.check({}, { exams });
    assert.deepEqual(
      failures!.map((f) => f.property).sort(),
      ['exams["elsewhere"].examId', 'exams["late"].endDate', 'exams["short"].duration'],
    );
    for (const failure of failures!) assert.match(failure.reason, /^exam "(short|late|elsewhere)": /);
    assert.deepEqual(Object.keys((inputs as { exams: object }).exams), ["good"]);
  });

  it("an exam whose text is what the last check let through is not validated again; a changed one is", async () => {
    await configured();
    // A value this release refuses, stored by an earlier check: unchanged, it is not re-checked (nothing is sent for it).
    const stored = encodeExam(validExam({ examId: "old", duration: 0 }));
    assert.deepEqual((await group.check({ exams: { old: stored } }, { exams: { old: stored } })).failures, []);
    const changed = encodeExam(validExam({ examId: "old", duration: 0, examName: "Renamed" }));
    assert.deepEqual((await group.check({ exams: { old: stored } }, { exams: { old: changed } })).failures!.map((f) => f.property), ['exams["old"].duration']);
  });
});
