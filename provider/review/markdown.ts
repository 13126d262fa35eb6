import type { ChangeKind, ExamChange, Review } from "./changes";
import type { Finding } from "./diagnostics";
import { gantt } from "./gantt";
import { byRisk, counts, grouped, headline, reviewed, sendsLine } from "./summary";
import { CREATE_CAVEAT, findingSubject, findingText, notes, status, violationSubject, violationText } from "./words";

/** GitHub refuses a comment longer than this (characters). */
export const COMMENT_LIMIT = 65_536;

/** The first line of every review comment: the workflow finds its own comment by it to update it. */
export const MARKER = "<!-- pulumi-proctor-review -->";

/** Findings listed in full before "and N more": a thousand copies of one error help nobody. */
const LISTED_FINDINGS = 50;
/** Exam ids named in the note on what was left out. */
const NAMED_LEFT_OUT = 20;

const ICON: Record<ChangeKind, string> = {
  created: "🆕",
  updated: "✏️",
  replaced: "🔁",
  closed: "⛔",
  retained: "📦",
  moved: "↪️",
  unchanged: "▫️",
};

/** Text that Markdown shows as written: no emphasis, links, HTML, table breaks or @mentions. */
export function mdText(text: string): string {
  return text
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@/g, "&#64;")
    .replace(/\r?\n|\r/g, " ");
}

function findingLines(title: string, findings: { exam?: ExamChange; finding: Finding }[]): string[] {
  if (findings.length === 0) return [];
  const lines = findings.slice(0, LISTED_FINDINGS).map(({ exam, finding }) => {
    const subject = exam ? `exam "${exam.examId}" (resource "${exam.resource}")` : findingSubject(finding);
    return `- ${subject ? `**${mdText(subject)}**: ` : ""}${mdText(findingText(finding))}`;
  });
  if (findings.length > LISTED_FINDINGS) lines.push(`- … and ${findings.length - LISTED_FINDINGS} more`);
  return [`### ${title}`, "", ...lines, ""];
}

function allFindings(review: Review, list: "errors" | "warnings"): { exam?: ExamChange; finding: Finding }[] {
  return [
    ...review[list].map((finding) => ({ finding })),
    ...review.exams.flatMap((exam) => exam[list].map((finding) => ({ exam, finding }))),
  ];
}

function policyLines(review: Review): string[] {
  const violations = review.policy ?? [];
  if (violations.length === 0) return [];
  const lines = violations.slice(0, LISTED_FINDINGS).map((v) => {
    const subject = violationSubject(v, review.exams);
    return `- ${subject ? `**${mdText(subject)}**: ` : ""}${mdText(violationText(v))}`;
  });
  if (violations.length > LISTED_FINDINGS) lines.push(`- … and ${violations.length - LISTED_FINDINGS} more`);
  return ["### 🛡️ Policy violations", "", ...lines, ""];
}

function head(review: Review): string {
  return [
    MARKER,
    "## Exam changes",
    "",
    `**${headline(review)}.** ${sendsLine(review)}`,
    "",
    ...findingLines("❌ Errors", allFindings(review, "errors")),
    ...policyLines(review),
    ...findingLines("⚠️ Warnings", allFindings(review, "warnings")),
  ].join("\n");
}

function table(exam: ExamChange): string[] {
  if (exam.fields.length === 0) return [];
  const rows = ["| field | before | after |", "|---|---|---|", ...exam.fields.map((f) => `| ${mdText(f.path)} | ${mdText(f.before)} | ${mdText(f.after)} |`)];
  // A new exam's every field is "after": folded, so the changes to live exams stay in view.
  return exam.kind === "created" ? [`<details><summary>${exam.fields.length} fields</summary>`, "", ...rows, "", "</details>", ""] : [...rows, ""];
}

/** One exam: heading with what happens, notes, and the table of its changed fields. */
export function examBlock(exam: ExamChange): string {
  const name = exam.examName === exam.examId ? "" : ` ${mdText(exam.examName)}`;
  return [
    `#### ${ICON[exam.kind]} ${mdText(exam.examId)}${name}: ${mdText(status(exam))}`,
    "",
    ...notes(exam).map((n) => `${mdText(n)}\n`),
    ...table(exam),
  ].join("\n");
}

function body(included: readonly ExamChange[], blocks: Map<ExamChange, string>): string {
  const parts: string[] = [];
  for (const { account, courses } of grouped(included)) {
    for (const { course, exams } of courses) {
      parts.push(`### ${mdText(account)} · ${mdText(course)}\n`, ...exams.map((e) => blocks.get(e)!));
    }
  }
  return parts.join("\n");
}

function leftOutNote(left: readonly ExamChange[]): string {
  if (left.length === 0) return "";
  const n: Partial<Record<ChangeKind, number>> = {};
  for (const exam of left) n[exam.kind] = (n[exam.kind] ?? 0) + 1;
  const kinds = Object.entries(n).map(([kind, count]) => `${count} ${kind}`).join(", ");
  const ids = left.slice(0, NAMED_LEFT_OUT).map((e) => mdText(e.examId)).join(", ");
  const more = left.length > NAMED_LEFT_OUT ? `, and ${left.length - NAMED_LEFT_OUT} more` : "";
  return (
    `> **Left out** to stay within GitHub's ${COMMENT_LIMIT.toLocaleString("en-US")}-character comment limit: ` +
    `${left.length} ${left.length === 1 ? "exam" : "exams"} (${kinds}): ${ids}${more}. ` +
    "The HTML report (`--format html`) lists every exam.\n"
  );
}

function document(review: Review, included: readonly ExamChange[], left: readonly ExamChange[], blocks: Map<ExamChange, string>, chart: boolean): string {
  const timeline = chart ? gantt(included) : undefined;
  const caveat = counts(review).created > 0 ? `_${mdText(CREATE_CAVEAT)}_\n` : "";
  return [
    head(review),
    leftOutNote(left),
    body(included, blocks),
    timeline ? `### Timeline\n\n${timeline}\n` : "",
    caveat,
  ].filter((part) => part !== "").join("\n");
}

/**
 * The review as a pull-request comment. When it would be longer than `limit`,
 * it keeps the headline, the findings and the riskiest exams (closes and
 * replacements first, then updates), and names what it left out.
 */
export function renderMarkdown(review: Review, limit = COMMENT_LIMIT): string {
  const exams = reviewed(review);
  const blocks = new Map(exams.map((e) => [e, examBlock(e)]));
  const full = document(review, exams, [], blocks, true);
  if (full.length <= limit) return full;

  const ranked = byRisk(exams);
  const fits = (count: number, chart: boolean) => document(review, ranked.slice(0, count), ranked.slice(count), blocks, chart).length <= limit;
  // The largest prefix of the ranked exams that fits: lengths grow with the prefix, so a binary search finds it.
  let low = 0;
  let high = ranked.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle, false)) low = middle;
    else high = middle - 1;
  }
  const chart = fits(low, true);
  const text = document(review, ranked.slice(0, low), ranked.slice(low), blocks, chart);
  if (text.length > limit) return text.slice(0, limit - 1) + "…";
  return text;
}
