import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import type { ResourceValidationArgs } from "@pulumi/policy";
import { UNKNOWN } from "../../../../provider/exam/schema";
import { encodeExam } from "../../../../provider/group/shape";
import { examOf, examsIn } from "../../../../provider/policy/exam";
import { examIdPattern } from "../../../../provider/policy/exam-id-pattern";
import { trialStack } from "../../../../provider/policy/trial-stack";
import { windowFitsDuration } from "../../../../provider/policy/window-fits-duration";
import { windowTiming } from "../../../../provider/policy/window-timing";
import { windowsOverlap } from "../../../../provider/policy/windows-overlap";
import {
  exam,
  groupResource,
  groupViolations,
  held,
  resource,
  stackViolations,
  uniqueViolations,
  unknownCheckingProxy,
  violations,
} from "../../../harness/policy-resources";

// The exams the rules see: an Exam's inputs, or each exam inside a course's resource
// (granularity "course": each exam one JSON string under its examId); unknown values
// (read through @pulumi/policy's own proxy) skipped, not reported.
describe("provider/policy/exam", () => {
  it("values unknown during preview are skipped, not reported, by every resource rule", () => {
    for (const policy of [windowFitsDuration, windowTiming, examIdPattern]) {
      assert.deepEqual(violations(policy, { startDate: UNKNOWN, examId: UNKNOWN, duration: UNKNOWN }, { pattern: "^x" }), [], policy.name);
    }
    assert.equal(examOf({ ...resource("r"), type: "pulumi-nodejs:dynamic:Resource" }) !== undefined, true, "an Exam is known by its inputs, not its type name");
    assert.equal(examOf({ ...resource("r"), props: { examId: "x" } }), undefined);
  });

  describe("exams inside course resources", () => {
    // The fixtures' windows are in January 2027: window-timing reads them against a fixed today, not the machine's.
    beforeEach(() => mock.timers.enable({ apis: ["Date"], now: Date.parse("2026-12-01T00:00:00Z") }));
    afterEach(() => mock.timers.reset());

    it("every resource rule checks each exam inside a course's resource, and names the resource and the examId", () => {
      const exams = held(
        exam({ examId: "phy-final", duration: 10_000, trial: true }),
        exam({ examId: "phy-quiz" }),
        exam({ examId: "phy-lab", duration: 10_000, startDate: "2020-01-11T08:00:00Z", endDate: "2020-01-15T20:00:00Z" }),
      );
      const shortfalls = groupViolations(windowFitsDuration, exams);
      assert.deepEqual(shortfalls.map((m) => m.split(": ")[0]), ['exam "cat-100-Physics[phy-final]" (examId "phy-final")', 'exam "cat-100-Physics[phy-lab]" (examId "phy-lab")']);
      assert.match(shortfalls[0], /shorter than duration 10000/);
      assert.deepEqual(groupViolations(windowTiming, exams).map((m) => m.split(": ")[0]), ['exam "cat-100-Physics[phy-lab]" (examId "phy-lab")']);
      assert.deepEqual(groupViolations(examIdPattern, exams, { pattern: "^phy-(final|quiz)$" }).map((m) => m.split(": ")[0]), ['exam "cat-100-Physics[phy-lab]" (examId "phy-lab")']);
      assert.deepEqual(groupViolations(trialStack, exams, {}, "prod-eu").map((m) => m.split(": ")[0]), ['exam "cat-100-Physics[phy-final]" (examId "phy-final")']);
    });

    it("a course's exams map or one exam's string unknown during preview is skipped, not reported, and not read through the proxy", () => {
      for (const policy of [windowFitsDuration, windowTiming, examIdPattern, trialStack]) {
        assert.deepEqual(groupViolations(policy, { "phy-final": UNKNOWN, "phy-lab": encodeExam(exam({ examId: "phy-lab" })) }, { pattern: "^phy-" }), [], policy.name);
      }
      const unknownMap = { ...groupResource("g", {}), props: unknownCheckingProxy({ exams: UNKNOWN }), getConfig: () => ({}) } as unknown as ResourceValidationArgs;
      const found: string[] = [];
      (windowFitsDuration.validateResource as (args: ResourceValidationArgs, report: (message: string) => void) => void)(unknownMap, (m) => found.push(m));
      assert.deepEqual(found, []);
      assert.deepEqual(examsIn([groupResource("g", { x: "[secret]" })]), [], "a masked string is no exam to check");
    });

    it("the rules see every exam inside course resources, beside Exams: overlaps within a course, an examId declared by a course and an Exam", () => {
      const config = { "proctor:url": "https://proctor.example.org", "proctor:integrationName": "lms" };
      const physics = groupResource(
        "cat-100-Physics",
        held(exam({ examId: "phy-final" }), exam({ examId: "phy-midterm", startDate: "2027-01-14T08:00:00Z", endDate: "2027-01-20T20:00:00Z" })),
        config,
      );
      const chemistry = groupResource("cat-100-Chemistry", held(exam({ examId: "chem-final", courseName: "Chemistry" })), config);
      const copy = resource("copy", { examId: "chem-final", courseName: "Chemistry", startDate: "2027-03-01T08:00:00Z", endDate: "2027-03-02T08:00:00Z" }, config);
      assert.deepEqual(examsIn([physics, chemistry, copy]).map((e) => e.name), ["cat-100-Physics[phy-final]", "cat-100-Physics[phy-midterm]", "cat-100-Chemistry[chem-final]", "copy"]);

      const overlaps = stackViolations(windowsOverlap, [physics, chemistry, copy]);
      assert.deepEqual(overlaps.map((v) => v.urn), [physics.urn]);
      assert.match(overlaps[0].message, /^exam "cat-100-Physics\[phy-midterm\]" \(examId "phy-midterm"\): its window .* overlaps that of exam "cat-100-Physics\[phy-final\]" \(examId "phy-final"\)/);

      const duplicates = uniqueViolations([physics, chemistry, copy]);
      assert.deepEqual([...duplicates.keys()], ["copy"]);
      assert.match(duplicates.get("copy")![0], /^exam "copy" \(examId "chem-final"\): is declared by 2 exams on integration "lms" at https:\/\/proctor.example.org: "cat-100-Chemistry\[chem-final\]" \(connection "default"\), "copy" \(connection "default"\)/);
    });
  });
});
