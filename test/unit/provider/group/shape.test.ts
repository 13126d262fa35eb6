import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeExam, encodeExam, GROUP_TYPE_TOKEN, groupResourceName, memberName } from "../../../../provider/group/shape";
import { validExam } from "../../../../scripts/lib/exams";

describe("provider/group/shape", () => {
  it("encodeExam: keys sorted at every level, lists kept in order, undefined left out, so a reordered file diffs nothing", () => {
    assert.equal(encodeExam({ b: 1, a: { d: [{ z: 1, y: 2 }, 3], c: undefined } }), '{"a":{"d":[{"y":2,"z":1},3]},"b":1}');
    const exam = validExam({ rules: { allow_to_use_paper: false, allow_to_use_books: true } });
    const reordered = Object.fromEntries(Object.entries(exam).reverse());
    assert.equal(encodeExam(reordered), encodeExam(exam));
  });

  it("decodeExam: the arguments back from their string; anything but a JSON object (masked, unknown, a list, bad JSON) is undefined", () => {
    const exam = validExam();
    assert.deepEqual(decodeExam(encodeExam(exam)), JSON.parse(JSON.stringify(exam)));
    for (const text of ["[secret]", "04da6b54-80e4-46f7-96ec-b56ff0331ba9", "[1]", "{not json", "null", 7, undefined]) {
      assert.equal(decodeExam(text), undefined, String(text));
    }
  });

  it("names: a group by catalogue, account and course; a member as group[examId]; the type token as the engine writes it", () => {
    assert.equal(groupResourceName("exams", "12"), "exams-12");
    assert.equal(groupResourceName("exams", "12", "Physics"), "exams-12-Physics");
    assert.equal(memberName("exams-12-Physics", "e-1"), "exams-12-Physics[e-1]");
    assert.equal(GROUP_TYPE_TOKEN, "pulumi-nodejs:dynamic/proctor:ExamGroup");
  });
});
