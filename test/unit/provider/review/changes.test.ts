import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { reviewOf } from "../../../../provider/review/changes";
import { renderHtml } from "../../../../provider/review/html";
import { renderMarkdown } from "../../../../provider/review/markdown";
import { EXAM_URN, fixture, live } from "../../../harness/review-fixtures";
import { groupReview, groupSteps, perExamSteps, physics3, review, sent } from "../../../harness/review-steps";

describe("provider/review/changes", () => {
  it("exams are grouped by account, then course, and nested sections diff as dotted paths", () => {
    const review = fixture();
    const phyFinal = review.exams.find((e) => e.examId === "phy-final")!;
    assert.equal(phyFinal.account, "Science (100)");
    assert.equal(phyFinal.course, "Physics");
    assert.deepEqual(phyFinal.fields.map((f) => f.path), ["courseCode", "endDate", "rules.allow_to_use_books"]);
    const md = renderMarkdown(review);
    assert.ok(md.indexOf("### Arts (200)") < md.indexOf("### Science (100)"), "accounts in order of first appearance");
    assert.ok(md.indexOf("### Humanities (300)") > md.indexOf("### Science (100)"));
  });

  // What a preview masks cannot decide a fate: the review assumes the riskier one and says why.
  describe("secrets that hide a fate", () => {
    it("a removed exam whose deletionPolicy is a secret is counted as closed and said to be one that may close", () => {
      const review = reviewOf({
        steps: [{ op: "delete", urn: EXAM_URN("phy"), oldState: { id: "phy", inputs: live("phy", { deletionPolicy: "[secret]" }) } }],
        diagnostics: [],
        hiddenSames: 0,
      });
      const [exam] = review.exams;
      assert.equal(exam.kind, "closed");
      assert.equal(exam.upserts, 1);
      const md = renderMarkdown(review);
      assert.match(md, /1 closed, 0 retained/);
      assert.match(md, /The merge will send 1 upsert to Proctor\./);
      assert.match(md, /⛔ phy Final: may close: deletionPolicy is secret/);
      assert.doesNotMatch(md, /stays open/);
      assert.match(renderHtml(review), /may close: deletionPolicy is secret/);
    });

    it("secret examIds never make a removal look like a rename: the removed exam may close, the new one is a plain create", () => {
      const review = reviewOf({
        steps: [
          { op: "create", urn: EXAM_URN("new"), newState: { inputs: live("[secret]", { deletionPolicy: "close" }) } },
          { op: "delete", urn: EXAM_URN("old"), oldState: { id: "old", inputs: live("[secret]", { deletionPolicy: "close" }) } },
        ],
        diagnostics: [],
        hiddenSames: 0,
      });
      const [created, removed] = review.exams;
      assert.equal(removed.kind, "closed");
      assert.equal(created.adoptsFrom, undefined);
      const md = renderMarkdown(review);
      assert.match(md, /1 exam created, 0 updated, 0 replaced, 1 closed/);
      assert.match(md, /The merge will send 2 upserts to Proctor\./);
      assert.match(md, /may close: whether another resource takes this exam over is not visible/);
      assert.doesNotMatch(md, /moved to resource|adopts an existing exam|nothing is closed/);
    });

    it("a replacement whose old deletionPolicy is secret may close the old exam, and counts its close", () => {
      const review = reviewOf({
        steps: [
          {
            op: "replace",
            urn: EXAM_URN("quiz"),
            replaceReasons: ["examId"],
            oldState: { id: "quiz", inputs: live("quiz", { deletionPolicy: "[secret]" }) },
            newState: { inputs: live("quiz-2", { deletionPolicy: "[secret]" }) },
          },
        ],
        diagnostics: [],
        hiddenSames: 0,
      });
      assert.equal(review.exams[0].upserts, 2);
      assert.match(renderMarkdown(review), /The old exam "quiz" may be closed \(deletionPolicy is secret\)/);
    });
  });

  describe("fates of exams inside course resources", () => {
    it("exams removed from a course follow their own deletionPolicy: one close (one upsert), one retain (none)", () => {
      const r = groupReview("two exams removed, one closed and one retained");
      const md = renderMarkdown(r);
      assert.match(md, /0 exams created, 0 updated, 0 replaced, 1 closed, 1 retained, 1 unchanged\.\*\* The merge will send 1 upsert/);
      assert.match(md, /#### ⛔ phy-quiz Exam phy-quiz: closed: removed from the program; its window ends now \(deletionPolicy close\)/);
      assert.match(md, /#### 📦 phy-lab Exam phy-lab: retained: removed from the stack, stays open in Proctor/);
      assert.match(md, /closes phy-quiz :crit/);
      // A course removed whole: each exam its own fate.
      const whole = renderMarkdown(groupReview("a course removed whole"));
      assert.match(whole, /0 closed, 1 retained, 3 unchanged\.\*\* The merge will send nothing/);
    });

    it("an exam moved between courses closes nothing: the old course lets it go, the new one adopts it with one upsert", () => {
      const r = groupReview("an exam moved to another course");
      const md = renderMarkdown(r);
      assert.match(md, /\*\*1 exam created, 0 updated, 0 replaced, 0 closed, 0 retained, 3 unchanged, 1 moved to another resource\.\*\* The merge will send 1 upsert/);
      assert.match(md, /#### ↪️ phy-lab Exam phy-lab: moved to resource "cat-100-Chemistry\\\[phy-lab\\\]": the exam stays, nothing is closed/);
      assert.match(md, /#### 🆕 phy-lab Exam phy-lab: created: adopts an existing exam\n\nAdoption: resource "cat-100-Physics\\\[phy-lab\\\]" managed exam "phy-lab" until now/);
      assert.match(md, /\| courseName \| \(not set\) \| "Chemistry" \|/);
      assert.doesNotMatch(md, /closes /);
      assert.equal(sent(r), 1);
    });

    it("a switch of granularity (exam to course and back) closes nothing and adopts each exam once", () => {
      const before = { cat: physics3 };
      const after = { "cat-100-Physics": physics3 };
      const r = review([...perExamSteps(before, {}), ...groupSteps({}, after)]);
      assert.equal(sent(r), 3);
      const md = renderMarkdown(r);
      assert.match(md, /\*\*3 exams created, 0 updated, 0 replaced, 0 closed, 0 retained, 0 unchanged, 3 moved to another resource\.\*\* The merge will send 3 upserts/);
      assert.match(md, /#### 🆕 phy-final Exam phy-final: created: adopts an existing exam\n\nAdoption: resource "cat-phy-final" managed exam "phy-final" until now/);
      const back = review([...groupSteps(after, {}), ...perExamSteps({}, before)]);
      assert.equal(sent(back), 3);
      assert.deepEqual(back.exams.map((e) => e.fate), ["kept", "kept", "kept", "adopt", "adopt", "adopt"]);
    });
  });
});
