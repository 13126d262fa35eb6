import type { StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { ruleParameters } from "./config";
import { examIdOf, examsIn, known, windowOf, type ExamResource, type Window } from "./exam";
import { show } from "../show";

export const WINDOWS_OVERLAP = "exam-windows-overlap";

const SCOPES = ["course", "account"] as const;
type Scope = (typeof SCOPES)[number];

const parameters = ruleParameters(WINDOWS_OVERLAP, {
  scope: z
    .enum(SCOPES)
    .default("course")
    .meta({ description: "`course`: exams of one course (accountId + courseName) must not overlap; `account`: exams of one account must not." }),
});

/** Two windows share some time; one ending as the other starts does not. */
export function overlaps(a: Window, b: Window): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The group an exam belongs to under a scope, named for messages; undefined when it has none (unknown account, no course). */
function groupOf(exam: ExamResource, scope: Scope): string | undefined {
  const account = known(exam.exam.accountId);
  if (account === undefined) return undefined;
  if (scope === "account") return `account ${show(String(account))}`;
  const course = known(exam.exam.courseName);
  return course === undefined ? undefined : `course ${show(course)} of account ${show(String(account))}`;
}

function windowText(exam: ExamResource): string {
  return `${String(exam.exam.startDate)} – ${String(exam.exam.endDate)}`;
}

/** Earlier start first, then by URN: the engine lists a stack's resources in no fixed order. */
function byStart(a: ExamResource & { window: Window }, b: ExamResource & { window: Window }): number {
  return a.window.start - b.window.start || (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0);
}

/**
 * Each pair of exams of one group whose windows overlap, once, reported on the
 * one that starts later. One examId twice is one exam, exam-id-unique's concern.
 */
export function overlappingPairs(exams: readonly ExamResource[], scope: Scope): { exam: ExamResource; other: ExamResource; group: string }[] {
  const groups = new Map<string, (ExamResource & { window: Window })[]>();
  for (const exam of exams) {
    const group = groupOf(exam, scope);
    const window = windowOf(exam.exam);
    if (group !== undefined && window !== undefined) groups.set(group, [...(groups.get(group) ?? []), { ...exam, window }]);
  }
  return [...groups].flatMap(([group, members]) =>
    members.sort(byStart).flatMap((exam, i) =>
      members
        .slice(0, i)
        .filter((other) => examIdOf(other.exam) !== examIdOf(exam.exam) && overlaps(other.window, exam.window))
        .map((other) => ({ exam, other, group })),
    ),
  );
}

export const windowsOverlap: StackValidationPolicy = {
  name: WINDOWS_OVERLAP,
  description: "Exams of one course (or account, see `scope`) do not have overlapping windows.",
  enforcementLevel: "advisory",
  configSchema: parameters.configSchema,
  validateStack: (args, reportViolation) => {
    const { scope } = parameters.read(args);
    for (const { exam, other, group } of overlappingPairs(examsIn(args.resources), scope)) {
      reportViolation(`${exam.label}: its window ${windowText(exam)} overlaps that of ${other.label}, ${windowText(other)}, in ${group}`, exam.urn);
    }
  },
};
