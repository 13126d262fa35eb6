import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { REQUESTS, arrival, changedFields, closedWindow, deleteBeforeReplace, edit, removal, replaceReasons, replacementKeepsExam } from "../../../../provider/exam/plan";
import { UNKNOWN } from "../../../../provider/exam/schema";

describe("provider/exam/plan", () => {
  // The one place that decides what happens to an exam; the provider and the review both read it.

  const here = { url: "https://proctor.example.org", integrationName: "lms" };

  it("a removed exam: its deletionPolicy decides, unless another resource of the deployment upserts the same exam", () => {
    assert.deepEqual(removal("close", false), { fate: "close", unseen: [] });
    assert.deepEqual(removal("retain", false), { fate: "retain", unseen: [] });
    assert.deepEqual(removal(undefined, false), { fate: "retain", unseen: [] });
    assert.deepEqual(removal("close", true), { fate: "kept", unseen: [] });
    assert.deepEqual(removal("retain", true), { fate: "kept", unseen: [] });
    assert.equal(REQUESTS.close + REQUESTS.retain + REQUESTS.kept, 1, "only a close sends a request");
  });

  it("what a reader cannot see never hides a close: a masked or unknown policy, or an unknown successor, means close", () => {
    assert.deepEqual(removal("[secret]", false), { fate: "close", unseen: ["deletionPolicy is secret"] });
    assert.equal(removal(UNKNOWN, false).fate, "close");
    assert.deepEqual(removal("close", undefined), { fate: "close", unseen: ["whether another resource takes this exam over is not visible"] });
    assert.deepEqual(removal("retain", undefined), { fate: "retain", unseen: [] }, "a retained exam is left open whoever takes it over");
  });

  it("an exam under the same identity is upserted only when a field Proctor holds changed", () => {
    assert.equal(edit(["duration"]), "update");
    assert.equal(edit(["rules.allow_to_use_books"]), "update");
    assert.equal(edit(["deletionPolicy", "connection"]), "nothing");
    assert.equal(edit([]), "nothing");
    assert.deepEqual(changedFields({ duration: 90, rules: { a: true }, __provider: "x" }, { duration: 90, rules: { a: false }, __provider: "y" }), ["rules"]);
  });

  it("identity: a changed or unknown examId/accountId, or a connection that points elsewhere, replaces the exam", () => {
    const before = { examId: "phy", accountId: "1", place: here };
    assert.deepEqual(replaceReasons(before, { examId: "phy", accountId: 1, place: here }), []);
    assert.deepEqual(replaceReasons(before, { examId: "phy-2", accountId: "2", place: here }), ["examId", "accountId"]);
    assert.deepEqual(replaceReasons(before, { examId: UNKNOWN, accountId: "1", place: UNKNOWN }), ["examId"]);
    const elsewhere = { ...here, integrationName: "staging" };
    assert.deepEqual(replaceReasons(before, { examId: "phy", accountId: "1", place: elsewhere }), ["connection"]);
    assert.equal(deleteBeforeReplace(["connection"]), true, "the same examId elsewhere: the old place is closed first");
    assert.equal(deleteBeforeReplace(["connection", "examId"]), false);
    assert.equal(replacementKeepsExam(["accountId"]), true);
    assert.equal(replacementKeepsExam(["examId"]), false);
  });

  it("a close ends the window now, and moves a future start to now so the window is not inverted", () => {
    const now = new Date("2027-01-15T10:00:00.750Z");
    assert.deepEqual(closedWindow({ startDate: "2027-01-11T08:00:00Z" }, now), { endDate: "2027-01-15T10:00:00Z" });
    assert.deepEqual(closedWindow({ startDate: "2027-02-01T08:00:00Z" }, now), { startDate: "2027-01-15T10:00:00Z", endDate: "2027-01-15T10:00:00Z" });
  });

  it("an exam a resource starts declaring: a create, or an adoption (one upsert) of one another resource lets go", () => {
    assert.equal(arrival(false), "create");
    assert.equal(arrival(true), "adopt", "a takeover is upserted: the acting resource cannot see what the other one held");
    assert.equal(REQUESTS[arrival(true)], 1);
  });
});
