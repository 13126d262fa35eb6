import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { globMatches } from "../../../../provider/policy/config";

describe("provider/policy/config", () => {
  it("stack globs: * and ? only, the whole name", () => {
    assert.ok(globMatches("prod*", "prod"));
    assert.ok(globMatches("prod*", "production-eu"));
    assert.ok(!globMatches("prod*", "preprod"));
    assert.ok(globMatches("te?t", "test"));
    assert.ok(!globMatches("prod.eu", "prodXeu"));
  });
});
