import assert from "node:assert/strict";
import { validateExam, type CheckFailure, type ExamSpec } from "../../provider/exam/schema";

// What check() makes of an exam's arguments, asserted: accepted (with its warnings) or rejected (with its failures).

export function accepted(input: Record<string, unknown>): { exam: ExamSpec; warnings: string[] } {
  const result = validateExam(input);
  assert.ok(result.ok, `expected the exam to be accepted, got ${JSON.stringify(result.ok ? [] : result.failures)}`);
  return result;
}

export function rejected(input: Record<string, unknown>): CheckFailure[] {
  const result = validateExam(input);
  assert.ok(!result.ok, "expected the exam to be rejected");
  return result.failures;
}
