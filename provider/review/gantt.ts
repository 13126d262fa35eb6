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
  const bar = (name: string, tag: string, window: ExamWindow | undefined) => {
    if (window?.start === undefined || window.end === undefined || window.end < window.start) return;
    lines.push(`    ${mermaidText(name)} :${tag}, t${++task}, ${utcMinute(window.start)}, ${utcMinute(window.end)}`);
  };
  for (const { account, courses } of grouped(exams.filter(windowChanges))) {
    for (const { course, exams: list } of courses) {
      const start = lines.length;
      for (const exam of list) {
        if (exam.kind === "closed") bar(`${exam.examId} closes`, "crit", exam.before);
        else if (exam.kind === "created") bar(`${exam.examId} new`, "active", exam.after);
        else if (exam.kind === "updated" || exam.kind === "replaced") {
          bar(`${exam.examId} before`, "done", exam.before);
          bar(`${exam.examId} after`, "active", exam.after);
        }
      }
      if (lines.length > start) lines.splice(start, 0, `    section ${mermaidText(`${account} / ${course}`)}`);
    }
  }
  if (task === 0) return undefined;
  return ["```mermaid", "gantt", "    title Exam windows that change (UTC)", "    dateFormat YYYY-MM-DD HH:mm", "    axisFormat %Y-%m-%d", ...lines, "```"].join("\n");
}

/**
 * A name Mermaid reads as plain text: a colon ends a task's name, `#` and `;`
 * start entities and statements, `%%` a comment, a line break the line; anything
 * but letters, digits and a few safe marks becomes a space. Kept short, so a
 * long exam id does not push the bars off the chart.
 */
export function mermaidText(text: string): string {
  const safe = text.replace(/[^\p{L}\p{N} _.,()/+'-]/gu, " ").replace(/\s+/g, " ").trim();
  const characters = [...safe];
  const short = characters.length > 60 ? `${characters.slice(0, 59).join("")}…` : safe;
  return short === "" ? "(unnamed)" : short;
}
