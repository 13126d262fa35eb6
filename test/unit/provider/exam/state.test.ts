import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { requestBody } from "../../../../provider/exam/body";
import { validateExam, type ExamSpec } from "../../../../provider/exam/schema";
import { answerDifference, declaredFields, readState, SCHEMA_VERSION } from "../../../../provider/exam/state";
import { validExam } from "../../../../scripts/lib/exams";

describe("provider/exam/state", () => {
  /** An exam as check() leaves it: ids as strings, the default deletion policy. */
  function spec(overrides: Record<string, unknown> = {}): ExamSpec {
    const result = validateExam(validExam(overrides));
    assert.ok(result.ok, JSON.stringify(result));
    return result.exam;
  }
  const server = { url: "https://proctor.example.org", integrationName: "lms", status: 201, adopted: false };

  describe("readState: every version ever written reads as the current one", () => {
    it("a version 1 state (Proctor's whole answer) keeps only what Proctor answered differently from the body", () => {
      const exam = spec({ rules: { allow_to_use_books: true } });
      const { body } = requestBody(exam);
      const echo = { ...structuredClone(body), rules: { ...(body.rules as object), allow_to_use_paper: true }, serverAdded: "x" };
      const state = readState({ ...exam, schemaVersion: 1, server: { ...server, exam: echo } });
      assert.equal(state.schemaVersion, SCHEMA_VERSION);
      assert.deepEqual(state.server, { ...server, exam: { rules: { allow_to_use_paper: true }, serverAdded: "x" } });
      assert.equal(state.examId, exam.examId, "the declared arguments are kept as they were");
    });

    it("a state with no version is version 1, and an answer that echoed the body exactly leaves no server.exam", () => {
      const exam = spec();
      const state = readState({ ...exam, server: { ...server, exam: structuredClone(requestBody(exam).body) } });
      assert.equal(state.schemaVersion, 2);
      assert.deepEqual(state.server, server);
    });

    it("a current state is returned as it is", () => {
      const current = { ...spec(), schemaVersion: SCHEMA_VERSION, server: { ...server, exam: { rules: { allow_to_use_paper: true } } } };
      assert.deepEqual(readState(structuredClone(current)), current);
    });
  });

  it("answerDifference: only the keys whose values differ, section by section; nothing when all agree", () => {
    assert.deepEqual(answerDifference({ a: 1, s: { x: 1, y: 2 }, l: [1, 2] }, { a: 1, s: { x: 1, y: 3 }, l: [1, 2] }), { s: { y: 2 } });
    assert.deepEqual(answerDifference({ l: [2, 1] }, { l: [1, 2] }), { l: [2, 1] }, "a list is compared whole, in order");
    assert.deepEqual(answerDifference({ a: 1, extra: null }, { a: 1 }), { extra: null });
    assert.equal(answerDifference({ a: 1, s: { x: 1 } }, { a: 1, s: { x: 1 } }), undefined);
  });

  it("declaredFields: leaves out what the provider adds to a state or the SDK to inputs", () => {
    assert.deepEqual(declaredFields({ examId: "e", rules: {}, server, schemaVersion: 2, __provider: "shim", __secretInputs: ["rules"] }), { examId: "e", rules: {} });
  });
});
