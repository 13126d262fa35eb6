import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stackOfUrn, trialMismatch } from "../../../../provider/policy/trial-stack";
import { exam } from "../../../harness/policy-resources";

describe("provider/policy/trial-stack", () => {
  it("trial is reported against the stack it is on", () => {
    assert.equal(stackOfUrn("urn:pulumi:prod-eu::proj::pulumi-nodejs:dynamic/proctor:Exam::final"), "prod-eu");
    assert.match(trialMismatch(exam({ trial: true }), "prod-eu", "prod*") ?? "", /trial: true on stack "prod-eu", a production stack/);
    assert.match(trialMismatch(exam({ trial: false }), "staging", "prod*") ?? "", /trial: false on stack "staging", not a production stack/);
    assert.equal(trialMismatch(exam({ trial: false }), "prod-eu", "prod*"), undefined);
    assert.equal(trialMismatch(exam({ trial: true }), "staging", "prod*"), undefined);
    assert.equal(trialMismatch(exam(), "staging", "prod*"), undefined);
  });
});
