import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isRecord, stringsIn } from "../../../provider/record";

describe("provider/record", () => {
  it("isRecord: a JSON object, not null, not a list", () => {
    assert.deepEqual([{}, { a: 1 }, [], null, "x", 1, undefined].map(isRecord), [true, true, false, false, false, false, false]);
  });

  it("stringsIn: every string at any depth, in object and list order, and nothing else", () => {
    assert.deepEqual(stringsIn({ a: ["x", { b: "y", c: 3 }], d: "z", e: null, f: true }), ["x", "y", "z"]);
    assert.deepEqual(stringsIn("alone"), ["alone"]);
    assert.deepEqual(stringsIn(42), []);
  });
});
