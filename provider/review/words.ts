import type { ExamChange } from "./changes";
import { memberName } from "../group/shape";
import type { Finding } from "./diagnostics";
import type { PolicyViolation } from "./policy";

/**
 * The sentences both renderers print about an exam, so that the Markdown
 * comment and the HTML page say the same thing.
 */

const REASONS: Record<string, string> = {
  examId: "its examId changed",
  accountId: "its accountId changed",
  connection: "its connection points to another integration",
};

/** What happens to the exam, in a few words after its name. */
export function status(exam: ExamChange): string {
  switch (exam.kind) {
    case "created":
      return exam.adoptsFrom ? "created: adopts an existing exam" : "created";
    case "updated":
      return exam.upserts === 0 ? "updated (resource options only, nothing sent)" : "updated";
    case "replaced":
      if (exam.unseen.length > 0) return `may be replaced: ${exam.unseen.join("; ")}, so the review assumes its accountId or connection changed`;
      return `replaced: ${exam.replaceReasons.map((r) => REASONS[r] ?? `${r} changed`).join(", ") || "the provider asked for it"}`;
    case "closed":
      return exam.unseen.length > 0
        ? `may close: ${exam.unseen.join("; ")}, so the review assumes its window ends now`
        : "closed: removed from the program; its window ends now (deletionPolicy close)";
    case "retained":
      return "retained: removed from the stack, stays open in Proctor (deletionPolicy retain)";
    case "moved":
      return `moved to resource "${exam.movedTo}": the exam stays, nothing is closed`;
    case "unchanged":
      return "unchanged";
  }
}

/** Further sentences: the old exam of a replacement, an adoption. */
export function notes(exam: ExamChange): string[] {
  const notes: string[] = [];
  const old = exam.oldExam;
  if (old) {
    if (old.fate === "kept") {
      notes.push(`Exam "${old.examId}" is upserted again with the new values; nothing is closed.`);
    } else if (old.fate === "close" && old.unseen.length > 0) {
      notes.push(`The old exam "${old.examId}" may be closed (${old.unseen.join("; ")}): the review assumes its window ends now.`);
    } else if (old.fate === "close") {
      notes.push(`The old exam "${old.examId}" is closed: its window ends now (deletionPolicy close).`);
    } else {
      notes.push(`The old exam "${old.examId}" stays open in Proctor, no longer managed (deletionPolicy retain).`);
    }
  }
  if (exam.adoptsFrom) {
    notes.push(
      `Adoption: resource "${exam.adoptsFrom}" managed exam "${exam.examId}" until now (renamed without an alias, moved between courses, or a change of granularity?); ` +
        "Proctor's exam gets these settings and is not closed.",
    );
  }
  return notes;
}

/** A finding as one line: the field first, when there is one. */
export function findingText(finding: Finding): string {
  return finding.field && !finding.unresettable ? `${finding.field}: ${finding.message}` : finding.message;
}

/** Who a general finding is about, when the engine named a resource the preview has no step for (a failed check). */
export function findingSubject(finding: Finding): string | undefined {
  if (finding.examId) return `exam "${finding.examId}"`;
  return finding.resource ? `resource "${finding.resource}"` : undefined;
}

/** Said under the headline when anything is created: a preview cannot see the server. */
export const CREATE_CAVEAT =
  "A created exam whose examId already exists in the integration is adopted: Proctor's exam takes the declared settings. A preview cannot tell; pulumi up warns when it happens.";

/** A policy violation as one line, without its subject. */
export function violationText(violation: PolicyViolation): string {
  return `[${violation.level}] ${violation.policy}: ${violation.lines.join(" ")}`;
}

/**
 * Who a violation is about: the exam of its resource, when the preview has it;
 * for a course's or an account's resource, the exam its message names
 * (`exam "<group>[<examId>]"`, the policy pack's label).
 */
export function violationSubject(violation: PolicyViolation, exams: readonly ExamChange[]): string | undefined {
  const group = violation.resource;
  if (group === undefined) return undefined;
  const names = (e: ExamChange) => e.resource === memberName(group, e.examId) && violation.lines.some((line) => line.includes(`exam "${e.resource}"`));
  const exam = exams.find((e) => (e.resource === group || names(e)) && e.kind !== "moved");
  return exam ? `exam "${exam.examId}" (resource "${exam.resource}")` : `resource "${group}"`;
}
