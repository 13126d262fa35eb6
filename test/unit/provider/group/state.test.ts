import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { GROUP_SCHEMA_VERSION, readGroupState } from "../../../../provider/group/state";

describe("provider/group/state", () => {
  it("reads a version-1 state as it was written", () => {
    const written = { exams: { a: '{"examId":"a"}' }, servers: { a: '{"url":"https://p","integrationName":"lms","status":201,"adopted":false}' }, schemaVersion: 1 };
    assert.deepEqual(readGroupState(written), written);
  });

  it("reads a state without exams or servers (a first up that failed before any exam) as empty, at the current version", () => {
    assert.deepEqual(readGroupState({}), { exams: {}, servers: {}, schemaVersion: GROUP_SCHEMA_VERSION });
    assert.deepEqual(readGroupState({ exams: null, servers: "[secret]" }), { exams: {}, servers: {}, schemaVersion: GROUP_SCHEMA_VERSION });
  });

  it("keeps only exams held as strings: the engine's own keys and anything else are not exams", () => {
    const state = readGroupState({ exams: { a: '{"examId":"a"}', b: 7 }, servers: {}, __provider: "require(...)", schemaVersion: 1 });
    assert.deepEqual(Object.keys(state.exams), ["a"]);
    assert.equal("__provider" in state, false);
  });
});
