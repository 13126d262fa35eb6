import { escapeHidden } from "../exam/characters";
import { utcMinute } from "../exam/dates";
import type { ExamChange, ExamWindow } from "./changes";
import { grouped, windowChanges } from "./summary";

/**
 * The windows that change, as a Mermaid `gantt` chart (GitHub draws it in
 * comments): per exam its window before (done) and after (active), a closed
 * exam's window as critical. Undefined when no window changes.
 */
export function gantt(exams: readonly ExamChange[]): string | undefined {
  const lines: string[] = [];
  let task = 0;
  const bar = (what: BarWord, examId: string, tag: string, window: ExamWindow | undefined) => {
    if (window?.start === undefined || window.end === undefined || window.end < window.start) return;
    lines.push(`    ${what} ${mermaidText(examId)} :${tag}, t${++task}, ${utcMinute(window.start)}, ${utcMinute(window.end)}`);
  };
  for (const { account, courses } of grouped(exams.filter(windowChanges))) {
    for (const { course, exams: list } of courses) {
      const start = lines.length;
      for (const exam of list) {
        if (exam.kind === "closed") bar("closes", exam.examId, "crit", exam.before);
        else if (exam.kind === "created") bar("new", exam.examId, "active", exam.after);
        else if (exam.kind === "updated" || exam.kind === "replaced") {
          bar("before", exam.examId, "done", exam.before);
          bar("after", exam.examId, "active", exam.after);
        }
      }
      if (lines.length > start) lines.splice(start, 0, `    section ${mermaidText(`${account} / ${course}`)}`);
    }
  }
  if (task === 0) return undefined;
  return ["```mermaid", "gantt", "    title Exam windows that change (UTC)", "    dateFormat YYYY-MM-DD HH:mm", "    axisFormat %Y-%m-%d", ...lines, "```"].join("\n");
}

/**
 * The word every task name starts with. Mermaid's gantt lexer tries its rules in order at
 * the start of a line, case-insensitively, and the first match wins: a name starting with
 * a date is a syntax error, one starting with `gantt`, `click`, `call` breaks the chart,
 * and one starting with `title `, `excludes `, `todayMarker `, `section ` (or another
 * keyword) swallows the line. Only the start decides: a task name is then everything up
 * to the colon. So the name starts with one of these words, none a Mermaid keyword, and
 * the exam id follows, whatever it is.
 */
type BarWord = "new" | "before" | "after" | "closes";

/**
 * A name Mermaid reads as plain text: a colon ends a task's name, `#` and `;`
 * start entities and statements, `%%` a comment, a line break the line; anything
 * but letters, digits and a few safe marks becomes a space. Kept short, so a
 * long exam id does not push the bars off the chart.
 */
export function mermaidText(text: string): string {
  // A hidden character stays in sight as `U+200B` (its brackets become spaces below).
  const safe = escapeHidden(text).replace(/[^\p{L}\p{N} _.,()/+'-]/gu, " ").replace(/\s+/g, " ").trim();
  const characters = [...safe];
  const short = characters.length > 60 ? `${characters.slice(0, 59).join("")}…` : safe;
  return short === "" ? "(unnamed)" : short;
}
