import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { JSDOM } from "jsdom";
import { renderHtml } from "../../../../provider/review/html";
import { fixture } from "../../../harness/review-fixtures";

describe("provider/review/timeline", () => {
  it("the HTML timeline has exactly one bar per exam of the preview, changed ones marked", () => {
    const review = fixture();
    const { document } = new JSDOM(renderHtml(review)).window;
    const bars = [...document.querySelectorAll("svg.timeline rect.bar")];
    assert.deepEqual(bars.map((b) => b.getAttribute("data-exam-id")).sort(), review.exams.map((e) => e.examId).sort());
    assert.equal(bars.length, 10);
    const changed = bars.filter((b) => b.classList.contains("changed")).map((b) => b.getAttribute("data-exam-id"));
    assert.deepEqual(changed.sort(), review.exams.filter((e) => e.kind !== "unchanged").map((e) => e.examId).sort());
    assert.equal(document.querySelector('rect.bar[data-exam-id="phy-mock"]')!.getAttribute("data-kind"), "unchanged");
    // The moved window of phy-final also shows where it was.
    assert.equal(document.querySelectorAll("svg.timeline rect.previous").length, 1);
    assert.equal(document.querySelectorAll("script, link, img, iframe").length, 0);
  });
});
