import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { JSDOM } from "jsdom";
import { renderHtml } from "../../../../provider/review/html";
import { timeline } from "../../../../provider/review/timeline";
import { examChange, fixture } from "../../../harness/review-fixtures";

const DAY = 86_400_000;
const JAN_11 = Date.parse("2027-01-11T08:00:00Z");

/** The timeline of these exams, parsed. */
function drawn(...exams: Parameters<typeof timeline>[0]) {
  return new JSDOM(`<body>${timeline(exams)}</body>`).window.document;
}

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

  it("an exam whose window is not known still has its one bar: across the whole width, faint, and its title says why", () => {
    const document = drawn(
      examChange({ examId: "known", kind: "created", after: { start: JAN_11, end: JAN_11 + DAY } }),
      examChange({ examId: "secret", kind: "updated", upserts: 1, after: { start: JAN_11 } }),
    );
    const bar = (id: string) => document.querySelector(`rect.bar[data-exam-id="${id}"]`)!;
    assert.equal(document.querySelectorAll("rect.bar").length, 2);
    assert.equal(bar("secret").getAttribute("fill-opacity"), "0.25");
    // From the axis's first line to its last.
    const grid = [...document.querySelectorAll("line.grid")].map((l) => Number(l.getAttribute("x1")));
    const [x, width] = ["x", "width"].map((a) => Number(bar("secret").getAttribute(a)));
    assert.deepEqual([x, x + width], [grid[0], grid.at(-1)]);
    assert.match(bar("secret").querySelector("title")!.textContent!, /^secret: updated; window not known/);
    assert.match(bar("known").querySelector("title")!.textContent!, /^known: created; 2027-01-11 08:00.* UTC to 2027-01-12 08:00.* UTC$/);
    assert.doesNotMatch(timeline([examChange()]), /<line class="grid"/, "no axis without a known window");
    assert.match(timeline([examChange()]), /no exam has a known window/);
  });

  it("an exam leaving the stack is drawn where its window was; a moved window shows the old one as well", () => {
    const before = { start: JAN_11, end: JAN_11 + DAY };
    const document = drawn(
      examChange({ examId: "gone", kind: "closed", before }),
      examChange({ examId: "later", kind: "updated", before, after: { start: JAN_11 + 10 * DAY, end: JAN_11 + 11 * DAY } }),
    );
    const x = (selector: string) => Number(document.querySelector(selector)!.getAttribute("x"));
    assert.equal(x('rect.bar[data-exam-id="gone"]'), x("rect.previous"), "the closed exam's bar is where the moved one was");
    assert.ok(x('rect.bar[data-exam-id="later"]') > x("rect.previous"));
    assert.equal(document.querySelectorAll("rect.previous").length, 1, "only the moved window has an outline");
  });

  it("labels: the examId, then the name unless it is the examId; a moved exam names its old resource; long ones are cut", () => {
    const document = drawn(
      examChange({ examId: "phy", examName: "Physics final" }),
      examChange({ examId: "bare", examName: "bare" }),
      examChange({ examId: "lab", resource: "cat[lab]", kind: "moved" }),
      examChange({ examId: "long", examName: "é".repeat(60) }),
    );
    // Riskiest first: the moved exam leads.
    const labels = [...document.querySelectorAll("text.exam")].map((t) => t.textContent!);
    assert.deepEqual(labels.slice(0, 3), ['lab (old resource "cat[lab]")', "phy — Physics final", "bare"]);
    assert.equal([...labels[3]].length, 44);
    assert.ok(labels[3].startsWith("long — éé") && labels[3].endsWith("é…"), labels[3]);
  });
});
