import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { reviewOf } from "../../../../provider/review/changes";
import { renderHtml } from "../../../../provider/review/html";
import { renderMarkdown } from "../../../../provider/review/markdown";
import type { PreviewStep } from "../../../../provider/review/preview";
import { flatten } from "../../../../provider/review/values";

describe("provider/review/values", () => {
  it("nested sections flatten to dotted paths; the provider's own inputs are left out", () => {
    assert.deepEqual(
      [...flatten({ rules: { allow_voices: true }, desktopAppAllowedProcesses: ["a"], __provider: "x", examName: "[secret]" })],
      [["rules.allow_voices", true], ["desktopAppAllowedProcesses", ["a"]], ["examName", "[secret]"]],
    );
  });

  it("a secret in the engine's signature form is never shown, nor is a credential-named argument", () => {
    const step: PreviewStep = {
      op: "update",
      urn: "urn:pulumi:s::p::pulumi-nodejs:dynamic/proctor:Exam::x",
      oldState: { inputs: { examId: "x", examName: "A", courseName: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hidden-course" }, jwtSecret: "s3cret-1" } },
      newState: { inputs: { examId: "x", examName: "B", courseName: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hidden-course-2" }, jwtSecret: "s3cret-2" } },
      detailedDiff: { courseName: {}, examName: {}, jwtSecret: {} },
    };
    const review = reviewOf({ steps: [step], diagnostics: [], hiddenSames: 0 });
    for (const text of [renderMarkdown(review), renderHtml(review)]) {
      assert.doesNotMatch(text, /hidden-course|s3cret/);
    }
    assert.deepEqual(review.exams[0].fields.map((f) => [f.path, f.before, f.after]), [
      ["examName", '"A"', '"B"'],
      ["courseName", "(secret)", "(secret)"],
      ["jwtSecret", "(secret)", "(secret)"],
    ]);
  });
});
