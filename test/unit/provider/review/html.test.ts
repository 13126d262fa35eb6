import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { JSDOM } from "jsdom";
import type { ExamChange } from "../../../../provider/review/changes";
import { renderHtml } from "../../../../provider/review/html";
import { examChange, fixture, reviewOfExams } from "../../../harness/review-fixtures";

// The review as one self-contained HTML page, read back as a browser would.
describe("provider/review/html", () => {
  const DAY = 86_400_000;
  const JAN_11 = Date.parse("2027-01-11T08:00:00Z");
  const SCRIPT = "<script>alert(1)</script>"; // short enough for the timeline not to cut the label
  const ACCOUNT = `R&D <b>Lab</b>`;
  const COURSE = `Tom & Jerry's "course"`;

  /** Exams whose names (and account and course) are markup, one of each kind the page draws differently. */
  function hostile(): ExamChange[] {
    const base = { account: ACCOUNT, course: COURSE, after: { start: JAN_11, end: JAN_11 + DAY } };
    return [
      examChange({
        ...base,
        examId: "phy-final",
        examName: `Final ${SCRIPT}`,
        kind: "updated",
        upserts: 1,
        fields: [{ path: "examName", before: '"Final"', after: JSON.stringify(`Final ${SCRIPT}`) }],
      }),
      examChange({ ...base, examId: `a&b"<i>`, examName: "Q & A <img src=x onerror=alert(1)>", kind: "created", upserts: 1, fields: [{ path: "duration", before: "(not set)", after: "60" }] }),
      examChange({ ...base, examId: "phy-mock", examName: "</title></svg><p>mock", kind: "unchanged" }),
    ];
  }

  const parse = (html: string) => new JSDOM(html).window.document;

  it("is a complete document: doctype, language, charset, a title with the headline, and nothing fetched or run", () => {
    for (const review of [fixture(), reviewOfExams(hostile())]) {
      const html = renderHtml(review);
      assert.ok(html.startsWith("<!doctype html>\n"), html.slice(0, 40));
      assert.ok(html.endsWith("</body></html>\n"), html.slice(-40));
      const document = parse(html);
      assert.equal(document.doctype?.name, "html");
      assert.equal(document.documentElement.getAttribute("lang"), "en");
      assert.equal(document.querySelector("head meta[charset]")?.getAttribute("charset"), "utf-8");
      assert.match(document.title, /^Exam changes: \d+ exams? created, \d+ updated/);
      assert.equal(document.querySelector("body > h1")?.textContent, "Exam changes");
      assert.equal(document.querySelectorAll("head style").length, 1);
      assert.deepEqual([...document.querySelectorAll("script, link, img, iframe, object, embed, [src], [href]")].map((e) => e.outerHTML), []);
      const handlers = [...document.querySelectorAll("*")].flatMap((e) => e.getAttributeNames().filter((a) => a.startsWith("on")));
      assert.deepEqual(handlers, []);
    }
  });

  it("every exam's name, id, account and course is text on the page, never markup", () => {
    const exams = hostile();
    const document = parse(renderHtml(reviewOfExams(exams)));
    const markup = [...document.querySelectorAll("script, img, i, b, p > p")].filter((e) => !e.closest(".legend"));
    assert.deepEqual(markup.map((e) => e.outerHTML), []);
    // The section of each changed exam: its id and name as written.
    const headings = [...document.querySelectorAll("h3")].map((h) => h.textContent);
    assert.deepEqual(headings, [`■ phy-final Final ${SCRIPT}: updated`, `■ a&b"<i> Q & A <img src=x onerror=alert(1)>: created`]);
    assert.deepEqual([...document.querySelectorAll("h3 bdi")].map((b) => b.childElementCount), [0, 0]);
    assert.deepEqual([...document.querySelectorAll("h3")].map((h) => h.id), ["exam-phy-final", `exam-a&b"<i>`]);
    assert.deepEqual([...document.querySelectorAll("body > h2")].map((h) => h.textContent).filter((t) => t?.includes(" · ")), [`${ACCOUNT} · ${COURSE}`]);
    // The fields table shows the new name as a value.
    assert.ok([...document.querySelectorAll("td")].some((td) => td.textContent === JSON.stringify(`Final ${SCRIPT}`)));
    // The timeline labels them too, and the SVG is not broken out of.
    const svg = document.querySelector("svg.timeline")!;
    assert.deepEqual([...svg.querySelectorAll("text.account, text.course")].map((t) => t.textContent), [ACCOUNT, COURSE]);
    assert.deepEqual([...svg.querySelectorAll("text.exam")].map((t) => t.textContent).sort(), exams.map((e) => `${e.examId} — ${e.examName}`).sort());
    assert.ok(document.querySelector("h1")!.compareDocumentPosition(svg) & 4, "the timeline is after the heading, in the body");
  });

  it("one timeline row and one bar per exam, unchanged ones included; a section only for the changed ones", () => {
    const exams = hostile();
    const document = parse(renderHtml(reviewOfExams(exams)));
    const bars = [...document.querySelectorAll("svg.timeline rect.bar")];
    assert.deepEqual(
      bars.map((b) => [b.getAttribute("data-exam-id"), b.getAttribute("data-kind")]).sort(),
      exams.map((e) => [e.examId, e.kind]).sort(),
    );
    assert.equal(document.querySelectorAll("svg.timeline text.exam").length, exams.length);
    assert.equal(document.querySelectorAll("h3").length, 2, "phy-mock is unchanged: in the timeline only");
    // A changed exam's table: a row per field; a created one's folded.
    const [updated, created] = [...document.querySelectorAll("h3")].map((h) => h.nextElementSibling!);
    assert.deepEqual([...updated.querySelectorAll("tr")].map((r) => [...r.children].map((c) => c.textContent)), [
      ["field", "before", "after"],
      ["examName", '"Final"', JSON.stringify(`Final ${SCRIPT}`)],
    ]);
    assert.equal(created.tagName, "DETAILS");
    const folded = created;
    assert.equal(folded.querySelector("summary")?.textContent, "1 fields");
    assert.deepEqual([...folded.querySelectorAll("tr")].map((r) => [...r.children].map((c) => c.textContent)), [
      ["field", "before", "after"],
      ["duration", "(not set)", "60"],
    ]);
  });

  it("an exam whose name is its id is named once in its heading", () => {
    const document = parse(renderHtml(reviewOfExams([examChange({ examId: "board", examName: "board", kind: "updated", upserts: 1 })])));
    assert.equal(document.querySelector("h3")?.textContent, "■ board: updated");
  });
});
