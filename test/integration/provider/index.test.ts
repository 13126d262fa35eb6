import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EXAM, loadedIn } from "../../harness/loaded-modules";

describe("provider/index: what a program that declares resources loads", () => {
  it("a program that declares Exams loads neither zod, undici nor jose", () => {
    const declared = `
      const pulumi = require("@pulumi/pulumi");
      const { Exam } = require("pulumi-proctor");
      pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: () => ({}) }, "p", "s", false);
      new Exam("physics-final", ${EXAM});`;
    assert.deepEqual(loadedIn(declared), []);
  });
});
