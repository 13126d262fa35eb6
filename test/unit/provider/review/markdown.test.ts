import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { reviewOf, type Review } from "../../../../provider/review/changes";
import { mermaidText } from "../../../../provider/review/gantt";
import { renderHtml } from "../../../../provider/review/html";
import { COMMENT_LIMIT, renderMarkdown } from "../../../../provider/review/markdown";
import { EXAM_URN, fixture, live, manyExams } from "../../../harness/review-fixtures";

describe("provider/review/markdown", () => {
  describe("GitHub's comment limit", () => {
    it("a review longer than GitHub's limit keeps the headline and the riskiest exams, and says what it left out", () => {
      const review = manyExams(60);
      const md = renderMarkdown(review);
      assert.ok(md.length <= COMMENT_LIMIT, `${md.length} characters`);
      assert.match(md, /^<!-- pulumi-proctor-review -->\n## Exam changes\n\n\*\*120 exams created, 120 updated, 120 replaced, 60 closed, 60 retained, 60 unchanged/);
      assert.match(md, /The merge will send 480 upserts/);
      const left = /> \*\*Left out\*\* to stay within GitHub's 65,536-character comment limit: (\d+) exams \(([^)]*)\)/.exec(md);
      assert.ok(left, "no note on what was left out");
      // Every close and replacement is kept; new exams go first.
      assert.equal((md.match(/^#### ⛔/gm) ?? []).length, 60);
      assert.equal((md.match(/^#### 🔁/gm) ?? []).length, 120);
      assert.doesNotMatch(left[2], /closed|replaced/);
      assert.match(left[2], /created/);
      const shown = (md.match(/^#### /gm) ?? []).length;
      assert.equal(shown + Number(left[1]), review.exams.filter((e) => e.kind !== "unchanged").length);
    });

    it("a smaller limit cuts deeper, and a review that fits is not cut", () => {
      const review = manyExams(60);
      const md = renderMarkdown(review, 10_000);
      assert.ok(md.length <= 10_000);
      assert.match(md, /Left out/);
      assert.doesNotMatch(renderMarkdown(fixture()), /Left out/);
    });

    it("findings that would fill the comment are cut by length: every close, replacement and the left-out note stay", () => {
      const review = manyExams(20);
      const long = (i: number) => `${"overlapping-exam-id-".repeat(10)}${i}`;
      const violations = Array.from({ length: 50 }, (_, i) => ({
        level: "advisory",
        policy: "exam-windows-overlap",
        resource: long(i),
        lines: ["Two exams of one course at the same time.", `exam "${long(i)}" and exam "${long(i + 1)}" of course "Physics" overlap`],
      }));
      const warnings = Array.from({ length: 50 }, (_, i) => ({ examId: long(i), message: `exam "${long(i)}": ${"a warning that repeats itself ".repeat(20)}` }));
      const crowded: Review = { ...review, policy: violations, warnings };
      const md = renderMarkdown(crowded);
      assert.ok(md.length <= COMMENT_LIMIT, `${md.length} characters`);
      assert.equal((md.match(/^#### ⛔/gm) ?? []).length, 20, "a close was cut");
      assert.equal((md.match(/^#### 🔁/gm) ?? []).length, 40, "a replacement was cut");
      assert.match(md, /> \*\*Left out\*\* to stay within/);
      assert.equal((md.match(/^- .*\\\[advisory\\\] exam-windows-overlap/gm) ?? []).length, 50, "a violation lost its line");
      assert.equal((md.match(/^- \*\*exam "overlapping/gm) ?? []).length, 50, "a warning lost its line");
      assert.match(md, /\*\*40 exams created, 40 updated, 40 replaced, 20 closed/);
    });
  });

  it("invisible and reordering characters are shown as <U+…> in the comment, the HTML page and the chart, and names are isolated", () => {
    const review = reviewOf({
      steps: [
        {
          op: "replace",
          urn: EXAM_URN("phy"),
          replaceReasons: ["examId"],
          oldState: { id: "phy-final", inputs: live("phy-final", { examName: "Final\u202e desolc", deletionPolicy: "retain" }) },
          newState: { inputs: live("phy-final\u200b", { examName: "Final\u202e desolc", deletionPolicy: "retain" }) },
        },
      ],
      diagnostics: [],
      hiddenSames: 0,
    });
    const md = renderMarkdown(review);
    const html = renderHtml(review);
    for (const text of [md, html]) assert.doesNotMatch(text, /[\u200b\u202e]/u, "a hidden character reached the output");
    // The before and after of the examId no longer read the same.
    assert.match(md, /\| examId \| "phy-final" \| "phy-final&lt;U\+200B&gt;" \|/);
    assert.match(md, /phy-final&lt;U\+200B&gt; Final&lt;U\+202E&gt; desolc: replaced/);
    assert.match(html, /<td>&#34;phy-final&#60;U\+200B&#62;&#34;<\/td>/);
    assert.match(html, /phy-final&#60;U\+200B&#62; <bdi>Final&#60;U\+202E&#62; desolc<\/bdi>: replaced/);
    assert.match(html, /<h2><bdi>account 1<\/bdi> · <bdi>Physics<\/bdi><\/h2>/);
    assert.equal(mermaidText("phy-final\u200b"), "phy-final U+200B");
  });
});
