import { MASKED, replaceReasons, type Place } from "../exam/plan";
import { UNKNOWN } from "../exam/schema";
import { decodeExam, memberName } from "../group/shape";
import { isRecord } from "../record";
import type { FieldChange } from "./changes";
import { isExamStep, isGroupStep, resourceName, type PreviewState, type PreviewStep } from "./preview";
import { display, isSecretValue } from "./values";

/**
 * What a preview step does to each exam it holds: an Exam's step is one exam;
 * an ExamGroup's (a course's or an account's exams, group/shape.ts) is one per
 * exam it holds before or after, each as if it were an Exam of its own, named
 * `<group>[<examId>]`. The review decides fates from these alone, so an exam
 * reads the same whichever resource holds it.
 */
export interface ExamStep {
  /** The engine's op for an Exam; for an exam in a group, what happens to it: create, update, replace, delete or same. */
  op: string;
  /** The URN of the Exam, or of the group holding the exam. */
  urn: string;
  resource: string;
  /** For an exam in a group: the group's resource name, and the examId it holds the exam under. */
  group?: string;
  examId?: string;
  /** For an Exam: its id in the state. */
  id?: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  replaceReasons: string[];
  /** The argument paths the engine's detailedDiff names: it tells two masked secrets apart. */
  engineSays: string[];
  /** For an exam in a group whose arguments cannot be read: the changed "fields" as the review shows them. */
  fields?: FieldChange[];
  /** Why the exam's identity is not visible (its arguments are masked or unknown): the review assumes it changed. */
  unseen: string[];
}

/** A group's exams the review cannot list: the `exams` map itself is masked or unknown. */
export interface UnreadableGroup {
  resource: string;
  why: string;
}

function inputsOf(state: PreviewState | undefined): Record<string, unknown> {
  return state?.inputs ?? state?.outputs ?? {};
}

function examStep(step: PreviewStep): ExamStep {
  return {
    op: step.op,
    urn: step.urn,
    resource: resourceName(step.urn),
    id: step.oldState?.id,
    before: inputsOf(step.oldState),
    after: inputsOf(step.newState),
    replaceReasons: step.replaceReasons ?? [],
    engineSays: Object.keys(step.detailedDiff ?? {}),
    unseen: [],
  };
}

/** A value the review cannot read, as the plan reads it: not known until the update, or else masked (a secret, in either of its spellings). */
function hidden(value: unknown): typeof UNKNOWN | typeof MASKED {
  return value === UNKNOWN ? UNKNOWN : MASKED;
}

function hiddenWhy(value: unknown, what = "its arguments"): string {
  return hidden(value) === UNKNOWN ? `${what} are not known until the update runs` : `${what} are secret`;
}

/**
 * The exams a group holds. Before a change, what its outputs say Proctor was
 * last sent: after a partial failure they keep the old value of each exam that
 * failed, and the provider compares with those, not with the inputs.
 */
function heldExams(state: PreviewState | undefined, side: "before" | "after"): Record<string, unknown> | { hidden: unknown } {
  const exams = side === "before" && isRecord(state?.outputs?.exams) ? state.outputs.exams : inputsOf(state).exams;
  if (exams === undefined) return {};
  return isRecord(exams) && !isSecretValue(exams) ? exams : { hidden: exams };
}

/**
 * An exam's arguments from its JSON string; for a string the preview masks or
 * cannot know, what decides a fate is hidden as well (the riskier reading):
 * its deletionPolicy and connection are masked or unknown like the string.
 */
function argumentsOf(examId: string, text: unknown): Record<string, unknown> {
  const value = hidden(text);
  return decodeExam(text) ?? { examId, examName: value, connection: value, deletionPolicy: value };
}

/** The review sees connection names only: a name stands for the place it points to. */
function placeOf(args: Record<string, unknown>): Place {
  return { url: "", integrationName: String(args.connection ?? "") };
}

/** Whether the engine's detailedDiff names this exam of the group (`exams["x-1"]`, `exams.x1`, or a path below either). */
function engineNames(step: PreviewStep, examId: string): boolean | undefined {
  if (!isRecord(step.detailedDiff)) return undefined;
  const names = [`exams[${JSON.stringify(examId)}]`, `exams.${examId}`];
  return Object.keys(step.detailedDiff).some((path) => names.some((name) => path === name || path.startsWith(`${name}.`) || path.startsWith(`${name}[`)));
}

type Member = Pick<ExamStep, "urn" | "resource" | "group" | "replaceReasons" | "engineSays"> & { examId: string };

/** One exam held before and after an update of its group. */
function changed(step: PreviewStep, member: Member, old: unknown, now: unknown): ExamStep {
  const before = argumentsOf(member.examId, old);
  const after = argumentsOf(member.examId, now);
  const readable = (text: unknown) => decodeExam(text) !== undefined;
  if (readable(old) && readable(now)) {
    if (old === now) return { ...member, op: "same", before, after, unseen: [] };
    const reasons = replaceReasons(
      { examId: member.examId, accountId: before.accountId, place: placeOf(before) },
      { examId: member.examId, accountId: after.accountId, place: placeOf(after) },
    );
    return { ...member, op: reasons.length > 0 ? "replace" : "update", before, after, replaceReasons: reasons, unseen: [] };
  }
  // Two masked strings look equal: the engine's diff still knows whether they differ (without one, assume they do).
  if (!readable(old) && !readable(now) && engineNames(step, member.examId) === false) return { ...member, op: "same", before, after, unseen: [] };
  // A masked or unknown string hides whether the exam's accountId or connection changed: it may be replaced.
  const shown = (text: unknown) => (readable(text) ? "(not secret)" : display(hidden(text)));
  const fields = [{ path: "(all arguments)", before: shown(old), after: shown(now) }];
  return { ...member, op: "replace", before, after, fields, unseen: [hiddenWhy(readable(now) ? old : now)] };
}

/** One ExamStep per exam a group holds before or after the step; the group's exams map, when it cannot be read. */
function groupSteps(step: PreviewStep): { steps: ExamStep[]; unreadable?: UnreadableGroup } {
  const group = resourceName(step.urn);
  const creates = step.op === "create";
  const deletes = step.op === "delete";
  const compares = step.op === "update" || step.op === "replace" || step.op === "create-replacement";
  const listsOnly = step.op === "same" || step.op === "read" || step.op === "refresh";
  // delete-replaced, discard-replaced…: the second half of a replacement, whose exams the first half compared.
  if (!creates && !deletes && !compares && !listsOnly) return { steps: [] };
  const old = creates || listsOnly ? {} : heldExams(step.oldState, "before");
  const now = deletes ? {} : heldExams(step.newState, "after");
  for (const side of [old, now]) {
    if ("hidden" in side) return { steps: [], unreadable: { resource: group, why: hiddenWhy(side.hidden, "its exams") } };
  }
  const before = old as Record<string, unknown>;
  const after = now as Record<string, unknown>;
  const steps: ExamStep[] = [];
  for (const examId of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const member: Member = { urn: step.urn, resource: memberName(group, examId), group, examId, replaceReasons: [], engineSays: [] };
    if (!(examId in before)) steps.push({ ...member, op: listsOnly ? "same" : "create", before: {}, after: argumentsOf(examId, after[examId]), unseen: [] });
    else if (!(examId in after)) steps.push({ ...member, op: "delete", before: argumentsOf(examId, before[examId]), after: {}, unseen: [] });
    else steps.push(changed(step, member, before[examId], after[examId]));
  }
  return { steps };
}

/** Every exam of the preview's steps, in the preview's order; the groups whose exams cannot be listed. */
export function examSteps(steps: readonly PreviewStep[]): { steps: ExamStep[]; unreadable: UnreadableGroup[] } {
  const out: ExamStep[] = [];
  const unreadable: UnreadableGroup[] = [];
  for (const step of steps) {
    if (isExamStep(step)) out.push(examStep(step));
    if (!isGroupStep(step)) continue;
    const group = groupSteps(step);
    out.push(...group.steps);
    if (group.unreadable && !unreadable.some((u) => u.resource === group.unreadable!.resource)) unreadable.push(group.unreadable);
  }
  return { steps: out, unreadable };
}
