import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { JSDOM } from "jsdom";
import { reviewOf } from "../../../../provider/review/changes";
import { gantt, mermaidText } from "../../../../provider/review/gantt";
import type { PreviewStep } from "../../../../provider/review/preview";
import { FIXTURES } from "../../../harness/review-fixtures";

// The review's timeline read back by Mermaid's own parser, the one GitHub draws it with:
// a name Mermaid takes for a keyword is a syntax error (an error box instead of the chart)
// or swallows the line (a title or an excluded date, the close's bar gone).

// Ids that start with what Mermaid's gantt lexer matches before a task name (its rules are
// tried in order, case-insensitively, and the first match wins), and marks that end a name or a statement.
const HOSTILE = [
  "2027-01-15-chem-final",
  "gantt-final",
  "title midterm",
  "excludes 2027-01-15",
  "todayMarker off",
  "section B",
  "click here",
  "call back",
  "dateFormat YYYY",
  "axisFormat %Y",
  "includes weekends",
  "weekday monday",
  "topAxis",
  "accTitle: x",
  "accDescr {",
  "%% comment",
  "a%b",
  "x: y # z; w",
  ":::",
];

/** A preview step of the fixture's exam with this examId: created, window moved, or closed. */
function step(op: "create" | "update" | "delete", examId: string, resource: string): PreviewStep {
  const fixture = JSON.parse(readFileSync(path.join(FIXTURES, "preview.json"), "utf8")) as { steps: PreviewStep[] };
  const base = fixture.steps.find((s) => s.op === "update")!.newState!.inputs!;
  const exam = (endDate: string, deletionPolicy = "retain") => ({ inputs: { ...base, examId, endDate, deletionPolicy } });
  const urn = `urn:pulumi:test::p::pulumi-nodejs:dynamic/proctor:Exam::${resource}`;
  if (op === "create") return { op, urn, newState: exam("2027-01-22T18:00:00Z") } as PreviewStep;
  if (op === "delete") return { op, urn, oldState: exam("2027-01-22T18:00:00Z", "close") } as PreviewStep;
  return { op, urn, oldState: exam("2027-01-22T18:00:00Z"), newState: exam("2027-01-29T18:00:00Z") } as PreviewStep;
}

describe("provider/review/gantt", () => {
  it("Mermaid names lose what would end a task name, a statement or the line", () => {
    assert.equal(mermaidText('History: 1789 | "Revolutions"; #1 %% x\ny'), "History 1789 Revolutions 1 x y");
    assert.equal(mermaidText("Ökonomie (Einführung) – Teil 2"), "Ökonomie (Einführung) Teil 2");
    assert.equal(mermaidText(":::"), "(unnamed)");
    assert.equal([...mermaidText("é".repeat(100))].length, 60);
  });

  describe("read back by Mermaid's parser", () => {
    // Mermaid sanitizes with DOMPurify, which needs a window when the module loads. The unit
    // tier runs every file in one process: the window is this block's own, gone after it.
    let dom: JSDOM;
    before(() => {
      dom = new JSDOM("<!doctype html><body></body>");
      Object.assign(globalThis, { window: dom.window, document: dom.window.document });
    });
    after(() => {
      const globals = globalThis as { window?: unknown; document?: unknown };
      delete globals.window;
      delete globals.document;
      dom.window.close();
    });

    /** Mermaid's gantt database after parsing `text` (throws Mermaid's parse error). */
    async function parsedGantt(text: string) {
      const { default: mermaid } = await import("mermaid");
      mermaid.initialize({ startOnLoad: false });
      await mermaid.parse(text);
      const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
      const db = diagram.db as { getTasks(): (Record<"active" | "done" | "crit", boolean> & { task: string })[]; getDiagramTitle(): string };
      // A task's tag (done, active, crit) is a flag of its own in Mermaid's database.
      const tasks = db.getTasks().map((t) => ({ name: t.task.trim(), tag: (["active", "done", "crit"] as const).filter((k) => t[k]).join() }));
      return { tasks, title: db.getDiagramTitle() };
    }

    it("the timeline of exams whose ids Mermaid would read as keywords parses, with every exam's bars", async () => {
      // Each exam's id ends in a marker of its own, so its bars can be found whatever the name became.
      const kinds = [["create", "c", ["active"]], ["update", "u", ["done", "active"]], ["delete", "d", ["crit"]]] as const;
      const steps = HOSTILE.flatMap((id, i) => kinds.map(([op, kind]) => step(op, `${id} k${i}${kind}`, `${kind}${i}`)));
      const chart = gantt(reviewOf({ steps, diagnostics: [], hiddenSames: 0 }).exams);
      assert.ok(chart, "no chart");
      const { tasks, title } = await parsedGantt(chart.replace(/^```mermaid\n|\n```$/g, ""));
      assert.equal(title, "Exam windows that change (UTC)");
      const bars = JSON.stringify(tasks.map((t) => `${t.name} [${t.tag}]`));
      HOSTILE.forEach((id, i) => {
        for (const [, kind, tags] of kinds) {
          const found = tasks.filter((t) => new RegExp(`\\bk${i}${kind}\\b`).test(t.name));
          assert.deepEqual(found.map((t) => t.tag), tags, `"${id} k${i}${kind}": ${bars}`);
          for (const t of found) assert.ok(t.name.includes(mermaidText(`${id} k${i}${kind}`)), `"${t.name}" lost the id "${id}"`);
        }
      });
      assert.equal(tasks.length, HOSTILE.length * 4, bars);
    });
  });
});
