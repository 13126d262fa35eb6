import type { ChangeKind, ExamChange, Review } from "./changes";

/** The headline's categories, in its order. */
const HEADLINE: ChangeKind[] = ["created", "updated", "replaced", "closed", "retained", "unchanged"];

/**
 * How much a reviewer must look at a change, most first: what ends a window
 * or moves an exam, then edits of live exams, then new exams. A review that
 * must be cut keeps this order.
 */
const RISK: Record<ChangeKind, number> = { closed: 0, replaced: 1, updated: 2, moved: 3, retained: 4, created: 5, unchanged: 6 };

export function counts(review: Review): Record<ChangeKind, number> {
  const n = { created: 0, updated: 0, replaced: 0, closed: 0, retained: 0, moved: 0, unchanged: 0 };
  for (const exam of review.exams) n[exam.kind]++;
  return n;
}

export function upserts(review: Review): number {
  return review.exams.reduce((sum, exam) => sum + exam.upserts, 0);
}

export function failed(review: Review): boolean {
  return review.errors.length > 0 || review.exams.some((e) => e.errors.length > 0);
}

/** "2 exams created, 1 updated, …": every category, zeros included, so the numbers read the same each time. */
export function headline(review: Review): string {
  const n = counts(review);
  const parts = HEADLINE.map((kind, i) =>
    kind === "unchanged" && !review.samesListed
      ? "unchanged not counted (run pulumi preview with --show-sames)"
      : `${n[kind]}${i === 0 ? (n[kind] === 1 ? " exam" : " exams") : ""} ${kind}`,
  );
  if (n.moved > 0) parts.push(`${n.moved} moved to another resource`);
  return parts.join(", ");
}

export function mandatoryViolations(review: Review): number {
  return (review.policy ?? []).filter((v) => v.level === "mandatory").length;
}

export function sendsLine(review: Review): string {
  if (failed(review)) return "The preview failed: nothing can be sent until the errors below are fixed.";
  const u = upserts(review);
  const sends = u === 0 ? "nothing" : `${u} ${u === 1 ? "upsert" : "upserts"}`;
  const mandatory = mandatoryViolations(review);
  if (mandatory > 0) {
    const them = mandatory === 1 ? "it is" : "they are";
    return `The policy pack refuses this change (${mandatory} mandatory ${mandatory === 1 ? "violation" : "violations"}): once ${them} fixed, the merge would send ${sends} to Proctor.`;
  }
  return `The merge will send ${sends} to Proctor.`;
}

/** The exams a reviewer reads: changed ones, and unchanged ones with something to say. */
export function reviewed(review: Review): ExamChange[] {
  return review.exams.filter((e) => e.kind !== "unchanged" || e.errors.length > 0 || e.warnings.length > 0);
}

export function byRisk(exams: readonly ExamChange[]): ExamChange[] {
  const rank = (e: ExamChange) => (e.errors.length > 0 ? -1 : RISK[e.kind]);
  return [...exams].sort((a, b) => rank(a) - rank(b));
}

/** Exams by account, then course, each in order of first appearance; within a course, riskiest first. */
export function grouped(exams: readonly ExamChange[]): { account: string; courses: { course: string; exams: ExamChange[] }[] }[] {
  const accounts = new Map<string, Map<string, ExamChange[]>>();
  for (const exam of exams) {
    const courses = accounts.get(exam.account) ?? accounts.set(exam.account, new Map()).get(exam.account)!;
    (courses.get(exam.course) ?? courses.set(exam.course, []).get(exam.course)!).push(exam);
  }
  return [...accounts].map(([account, courses]) => ({
    account,
    courses: [...courses].map(([course, list]) => ({ course, exams: byRisk(list) })),
  }));
}

/** True when the exam's window is not the same before and after the merge. */
export function windowChanges(exam: ExamChange): boolean {
  if (exam.kind === "unchanged") return false;
  if (exam.kind !== "updated" && exam.kind !== "replaced") return true;
  return exam.fields.some((f) => f.path === "startDate" || f.path === "endDate");
}
