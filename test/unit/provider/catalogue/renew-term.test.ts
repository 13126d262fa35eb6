import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renewTerm } from "../../../../provider/catalogue/renew-term";

// Next term's name for an examId or a file name, as rollover gives it.

describe("provider/catalogue/renew-term", () => {
  it("the old term standing as whole tokens is replaced in place, every time it stands so", () => {
    assert.deepEqual(renewTerm("phy-2026-autumn-final", "2026-autumn", "2027-spring"), { text: "phy-2027-spring-final", rule: "replaced" });
    assert.deepEqual(renewTerm("s1", "s1", "s2"), { text: "s2", rule: "replaced" });
    assert.deepEqual(renewTerm("s1-s1", "s1", "s2"), { text: "s2-s2", rule: "replaced" });
    assert.deepEqual(renewTerm("bio_s1_lab", "s1", "s2"), { text: "bio_s2_lab", rule: "replaced" });
  });

  it("the term inside another word is not the term: the new one is appended with the text's last separator, or -", () => {
    assert.deepEqual(renewTerm("phys1-final", "s1", "s2"), { text: "phys1-final-s2", rule: "appended" });
    assert.deepEqual(renewTerm("maths_final", "s1", "s2"), { text: "maths_final_s2", rule: "appended" });
    assert.deepEqual(renewTerm("a.b_c", "s1", "s2"), { text: "a.b_c_s2", rule: "appended" });
    assert.deepEqual(renewTerm("physics1", "s1", "s2"), { text: "physics1-s2", rule: "appended" });
  });

  it("a source without a term always appends; a term's dot is matched as a dot, not as any character", () => {
    assert.deepEqual(renewTerm("phy-final", undefined, "t2"), { text: "phy-final-t2", rule: "appended" });
    assert.deepEqual(renewTerm("phy-2026.1", "2026.1", "2027.1"), { text: "phy-2027.1", rule: "replaced" });
    assert.deepEqual(renewTerm("phy-2026x1", "2026.1", "2027.1"), { text: "phy-2026x1-2027.1", rule: "appended" });
  });
});
