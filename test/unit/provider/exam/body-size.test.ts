import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_BODY_BYTES } from "../../../../provider/exam/body-size";
import { API_FIELDS } from "../../../../provider/exam/schema";
import { validExam } from "../../../../scripts/lib/exams";
import { accepted, rejected } from "../../../harness/exam-validation";

describe("provider/exam/body-size", () => {
  describe("validateExam: the request body's size", () => {
    /** The bytes an exam's body takes, measured independently of the provider: the JSON of its API fields, ids as strings. */
    const bodyBytes = (exam: Record<string, unknown>): number => {
      const body = Object.fromEntries(Object.entries(exam).filter(([key]) => (API_FIELDS as readonly string[]).includes(key)));
      return Buffer.byteLength(JSON.stringify({ ...body, accountId: String(exam.accountId) }));
    };
    /** A valid exam whose body is exactly `bytes` long, made of process names each within its own limits. */
    const examOfSize = (bytes: number): Record<string, unknown> => {
      const names: string[] = [];
      const exam = validExam({ desktopAppAllowedProcesses: names });
      while (bytes - bodyBytes(exam) > 1000) names.push("日".repeat(255)); // 765 bytes, 2 quotes, 1 comma
      while (bodyBytes(exam) < bytes) {
        const room = bytes - bodyBytes(exam) - 3; // quotes and comma
        // Never leave 1 or 2 bytes, which no further name could fill.
        names.push("a".repeat(room <= 255 ? room : Math.min(255, room - 4)));
      }
      assert.equal(bodyBytes(exam), bytes);
      return exam;
    };

    it("accepts a body of exactly MAX_BODY_BYTES (256 KiB) and refuses one byte more, naming the size and the largest field", () => {
      assert.equal(MAX_BODY_BYTES, 262_144);
      const largest = examOfSize(MAX_BODY_BYTES);
      accepted(largest);
      const over = structuredClone(largest);
      (over.desktopAppAllowedProcesses as string[]).push(""); // "" and a comma: 3 bytes
      const failures = rejected(over);
      assert.deepEqual(failures, [{
        property: "desktopAppAllowedProcesses",
        reason: `makes the request body ${MAX_BODY_BYTES + 3} bytes of JSON, more than the 262144 allowed (this field takes ${Buffer.byteLength(JSON.stringify(over.desktopAppAllowedProcesses))})`,
      }]);
    });

    it("reports the body's size with every other failure, at the field within a section that takes most of it", () => {
      const failures = rejected(validExam({ duration: 0, rules: { custom_rules: "日".repeat(10_000) }, desktopAppAllowedProcesses: Array(500).fill("日".repeat(255)) }));
      assert.deepEqual(failures.map((f) => f.property), ["duration", "desktopAppAllowedProcesses"]);
      const custom = rejected(validExam({ rules: { custom_rules: "r".repeat(300_000) } }));
      assert.deepEqual(custom.map((f) => f.property), ["rules.custom_rules", "rules.custom_rules"]);
    });
  });
});
