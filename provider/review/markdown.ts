import type { ChangeKind, ExamChange, Review } from "./changes";
import type { Finding } from "./diagnostics";
import { gantt } from "./gantt";
import { byRisk, counts, grouped, headline, reviewed, sendsLine } from "./summary";
import { escapeHidden } from "../exam/characters";
import { shortened } from "../show";
import { CREATE_CAVEAT, findingSubject, findingText, notes, status, violationSubject, violationText } from "./words";

/** GitHub refuses a comment longer than this (characters). */
export const COMMENT_LIMIT = 65_536;

/** The first line of every review comment: the workflow finds its own comment by it to update it. */
export const MARKER = "<!-- pulumi-proctor-review -->";

/** Findings listed before "and N more": a thousand copies of one error help nobody. */
const LISTED_FINDINGS = 50;
/** Exam ids named in the note on what was left out. */
const NAMED_LEFT_OUT = 20;
/** The shortest a finding line is cut to before exams are left out for it. */
const FINDING_FLOOR = 80;

const ICON: Record<ChangeKind, string> = {
  created: "🆕",
  updated: "✏️",
  replaced: "🔁",
  closed: "⛔",
  retained: "📦",
  moved: "↪️",
  unchanged: "▫️",
};

/** Text that Markdown shows as written: no emphasis, links, HTML, table breaks or @mentions, and hidden characters as `<U+200B>`. */
export function mdText(text: string): string {
  return escapeHidden(text)
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@/g, "&#64;")
    .replace(/\r?\n|\r/g, " ");
}

/** A finding's line: its subject and text, each cut to `width` characters (before escaping). */
function findingLine(subject: string | undefined, text: string, width: number): string {
  const cut = (t: string) => (t.length > width ? shortened(t, width) : t);
  return `- ${subject ? `**${mdText(cut(subject))}**: ` : ""}${mdText(cut(text))}`;
}

function listed(title: string, lines: string[], total: number): string[] {
  if (total === 0) return [];
  if (total > LISTED_FINDINGS) lines.push(`- … and ${total - LISTED_FINDINGS} more`);
  return [`### ${title}`, "", ...lines, ""];
}

function findingLines(title: string, findings: { exam?: ExamChange; finding: Finding }[], width: number): string[] {
  const lines = findings.slice(0, LISTED_FINDINGS).map(({ exam, finding }) =>
    findingLine(exam ? `exam "${exam.examId}" (resource "${exam.resource}")` : findingSubject(finding), findingText(finding), width),
  );
  return listed(title, lines, findings.length);
}

function allFindings(review: Review, list: "errors" | "warnings"): { exam?: ExamChange; finding: Finding }[] {
  return [
    ...review[list].map((finding) => ({ finding })),
    ...review.exams.flatMap((exam) => exam[list].map((finding) => ({ exam, finding }))),
  ];
}

function policyLines(review: Review, width: number): string[] {
  const violations = review.policy ?? [];
  const lines = violations.slice(0, LISTED_FINDINGS).map((v) => findingLine(violationSubject(v, review.exams), violationText(v), width));
  return listed("🛡️ Policy violations", lines, violations.length);
}

function head(review: Review, budget: Budget): string {
  return [
    MARKER,
    "## Exam changes",
    "",
    `**${headline(review)}.** ${sendsLine(review)}`,
    "",
    ...findingLines("❌ Errors", allFindings(review, "errors"), budget.errorWidth),
    ...policyLines(review, budget.findingWidth),
    ...findingLines("⚠️ Warnings", allFindings(review, "warnings"), budget.findingWidth),
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

/** What a comment holds: which exams in full, how long a finding's line may be, and whether the chart is drawn. */
interface Budget {
  shown: number;
  findingWidth: number;
  errorWidth: number;
  chart: boolean;
}

/** The comment: the `budget.shown` riskiest exams, in the preview's order (so accounts keep their order), and what was left out. */
function document(review: Review, ranked: readonly ExamChange[], budget: Budget, blocks: Map<ExamChange, string>): string {
  const shown = new Set(ranked.slice(0, budget.shown));
  const included = [...blocks.keys()].filter((e) => shown.has(e));
  const timeline = budget.chart ? gantt(included) : undefined;
  const caveat = counts(review).created > 0 ? `_${mdText(CREATE_CAVEAT)}_\n` : "";
  return [
    head(review, budget),
    leftOutNote(ranked.slice(budget.shown)),
    body(included, blocks),
    timeline ? `### Timeline\n\n${timeline}\n` : "",
    caveat,
  ].filter((part) => part !== "").join("\n");
}

/** The largest value in [low, high] for which `fits` holds (it holds for every smaller one); `low` when none does. */
function largest(low: number, high: number, fits: (value: number) => boolean): number {
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * The review as a pull-request comment of at most `limit` characters. When
 * the whole review is longer, the budget goes, in this order, to the headline
 * and the errors, the closes and replacements, the note on what was left out,
 * the other exams riskiest first (findings cut to FINDING_FLOOR meanwhile), the
 * findings' full length, and the chart. What is cut are findings' lengths and
 * the least risky exams, never a close the headline counts.
 */
export function renderMarkdown(review: Review, limit = COMMENT_LIMIT): string {
  const exams = reviewed(review);
  const ranked = byRisk(exams);
  const blocks = new Map(exams.map((e) => [e, examBlock(e)]));
  const full: Budget = { shown: ranked.length, findingWidth: Infinity, errorWidth: Infinity, chart: true };
  const whole = document(review, ranked, full, blocks);
  if (whole.length <= limit) return whole;

  const fits = (budget: Budget) => document(review, ranked, budget, blocks).length <= limit;
  const budget: Budget = { shown: 0, findingWidth: FINDING_FLOOR, errorWidth: Infinity, chart: false };
  const longest = Math.max(FINDING_FLOOR, ...[...allFindings(review, "errors"), ...allFindings(review, "warnings")].map(({ finding }) => findingText(finding).length));
  if (!fits(budget)) budget.errorWidth = largest(FINDING_FLOOR, longest, (errorWidth) => fits({ ...budget, errorWidth }));
  const mustShow = ranked.filter((e) => e.errors.length > 0 || e.kind === "closed" || e.kind === "replaced").length;
  budget.shown = largest(0, mustShow, (shown) => fits({ ...budget, shown }));
  if (budget.shown === mustShow) budget.shown = largest(mustShow, ranked.length, (shown) => fits({ ...budget, shown }));
  budget.findingWidth = largest(FINDING_FLOOR, longest, (findingWidth) => fits({ ...budget, findingWidth }));
  budget.chart = fits({ ...budget, chart: true });
  const text = document(review, ranked, budget, blocks);
  // Only errors so many and so long that even their shortest lines overflow get here.
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
