import { REQUESTS, arrival, edit, isHidden, removal, replacementKeepsExam, type Fate, type RemovalFate, type ReplaceReason, type Unseen } from "../exam/plan";
import { instantOf } from "../exam/dates";
import { memberName } from "../group/shape";
import { readFindings, type Finding } from "./diagnostics";
import { examSteps, type ExamStep, type UnreadableGroup } from "./exam-steps";
import type { PolicyViolation } from "./policy";
import type { Preview } from "./preview";
import { SHOWN, shortened } from "../show";
import { display, flatten, isCredentialName, isSecretValue } from "./values";

/**
 * How the review names the plan's fate of an exam (exam/plan.ts decides it):
 * `closed`, `retained` and `moved` (the plan's "kept": another resource of the
 * same preview takes the exam over, a rename without an alias) are resources
 * the program no longer declares.
 */
export type ChangeKind = "created" | "updated" | "replaced" | "closed" | "retained" | "moved" | "unchanged";

/** A changed argument as the review shows it: already display text, so no renderer can show a secret. */
export interface FieldChange {
  path: string;
  before: string;
  after: string;
}

/** An exam window; an end or start is undefined when it is unknown, secret or not a date. */
export interface ExamWindow {
  start?: number;
  end?: number;
}

export interface ExamChange {
  kind: ChangeKind;
  /** The Exam's resource name, or `<group>[<examId>]` for an exam inside a course's or an account's resource. */
  resource: string;
  examId: string;
  /** Display text of the exam's name ("(secret)" when it is one). */
  examName: string;
  account: string;
  course: string;
  fields: FieldChange[];
  before?: ExamWindow;
  after?: ExamWindow;
  /** Why the engine replaces it: examId, accountId and/or connection. */
  replaceReasons: string[];
  /** What the plan decides for this exam (exam/plan.ts); `kind` is how the review names it. */
  fate: Fate;
  /** Values the preview masks or cannot know that decide the fate: the riskier fate is shown. */
  unseen: Unseen[];
  /** For a replacement: the exam it replaces, and the plan's fate for it. */
  oldExam?: { examId: string; fate: RemovalFate; unseen: Unseen[] };
  /** A create that takes over the exam of this removed resource (so Proctor already holds it: an adoption). */
  adoptsFrom?: string;
  /** A delete whose exam this resource takes over. */
  movedTo?: string;
  /** Upserts `pulumi up` will send for this exam. */
  upserts: number;
  errors: Finding[];
  warnings: Finding[];
}

export interface Review {
  /** Every exam in the preview, changed or not, in the preview's order. */
  exams: ExamChange[];
  /** Errors and warnings that name no exam of the preview. */
  errors: Finding[];
  warnings: Finding[];
  /** False when the preview ran without `--show-sames`: unchanged exams are then neither counted nor drawn. */
  samesListed: boolean;
  /** The policy pack's violations, when its preview's log was given (see policy.ts). */
  policy?: PolicyViolation[];
}

/** The engine's step, as the kind of change it starts as; a removal's kind is the plan's (see settle). */
function kindOf(step: ExamStep): ChangeKind | undefined {
  switch (step.op) {
    case "create":
    case "import":
      return "created";
    case "update":
      return "updated";
    case "replace":
    case "create-replacement":
      return "replaced";
    case "delete":
      return "retained";
    case "same":
    case "read":
    case "refresh":
      return "unchanged";
    default:
      // delete-replaced, discard-replaced…: the second half of a replacement, already counted.
      return undefined;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/**
 * Where an exam lives, as far as a preview tells: its examId and connection
 * name (the preview does not show what a name points to). Undefined when the
 * examId or the connection is masked or not known until the update.
 */
function placeKey(inputs: Record<string, unknown>): string | undefined {
  if (isHidden(inputs.examId) || isHidden(inputs.connection)) return undefined;
  const examId = text(inputs.examId);
  return examId === undefined ? undefined : JSON.stringify([examId, text(inputs.connection) ?? ""]);
}

function secretNames(...states: Record<string, unknown>[]): Set<string> {
  return new Set(states.flatMap((s) => (Array.isArray(s.__secretInputs) ? s.__secretInputs.map(String) : [])));
}

/** The arguments that differ, as dotted paths; for a created exam, every argument it declares. */
function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>, engineSays: readonly string[]): FieldChange[] {
  const old = flatten(before);
  const now = flatten(after);
  const secret = secretNames(before, after);
  const changes: FieldChange[] = [];
  for (const path of new Set([...old.keys(), ...now.keys()])) {
    const b = old.get(path);
    const a = now.get(path);
    const hidden = isSecretValue(b) || isSecretValue(a) || secret.has(path.split(".")[0]) || isCredentialName(path);
    // Two masked secrets look equal; the engine's diff still knows whether they differ.
    const differs = hidden && isSecretValue(b) && isSecretValue(a)
      ? engineSays.some((p) => p === path || path.startsWith(`${p}.`))
      : JSON.stringify(b) !== JSON.stringify(a);
    if (!differs) continue;
    const shown = (v: unknown) => (hidden && v !== undefined ? "(secret)" : display(v));
    changes.push({ path, before: shown(b), after: shown(a) });
  }
  return changes;
}

function windowOf(inputs: Record<string, unknown>): ExamWindow | undefined {
  if (inputs.startDate === undefined && inputs.endDate === undefined) return undefined;
  return { start: instantOf(inputs.startDate), end: instantOf(inputs.endDate) };
}

function labels(inputs: Record<string, unknown>): { account: string; course: string; examName: string } {
  const accountId = text(inputs.accountId);
  const accountName = text(inputs.accountName);
  const account = accountName && accountId ? `${accountName} (${accountId})` : accountName ?? (accountId ? `account ${accountId}` : "(account not known)");
  const courseName = text(inputs.courseName);
  const examName = typeof inputs.examName === "string" && !isSecretValue(inputs.examName) ? inputs.examName : display(inputs.examName);
  return { account, course: courseName ?? "(no course)", examName: examName.length > SHOWN ? shortened(examName) : examName };
}

/** The fate a step starts with, before settle() looks at removals, successors and changed fields. */
const INITIAL_FATE: Record<ChangeKind, Fate> = {
  created: "create",
  updated: "update",
  replaced: "replace",
  closed: "close",
  retained: "retain",
  moved: "kept",
  unchanged: "nothing",
};

function examChange(step: ExamStep, kind: ChangeKind): ExamChange {
  const before = step.before;
  const after = kind === "closed" || kind === "retained" ? {} : step.after;
  const current = Object.keys(after).length > 0 ? after : before;
  const fields = kind === "unchanged" || kind === "closed" || kind === "retained" ? [] : step.fields ?? fieldChanges(before, after, step.engineSays);
  return {
    kind,
    resource: step.resource,
    examId: step.examId ?? text(current.examId) ?? step.id ?? step.resource,
    ...labels(current),
    fields,
    before: windowOf(before),
    after: windowOf(after),
    replaceReasons: step.replaceReasons,
    fate: INITIAL_FATE[kind],
    unseen: step.unseen,
    upserts: 0,
    errors: [],
    warnings: [],
  };
}

const KIND_OF_REMOVAL: Record<RemovalFate, ChangeKind> = { close: "closed", retain: "retained", kept: "moved" };

/**
 * The plan's fate of every exam: removals (deletionPolicy, or kept when another
 * resource of the preview declares the same exam), the old exams of
 * replacements, adoptions, and what each sends. `unreadable`: some group's
 * exams cannot be listed, so any of them could take a removed exam over.
 */
function settle(exams: ExamChange[], steps: Map<ExamChange, ExamStep>, unreadable: boolean): void {
  const declaredBy = new Map<string, ExamChange>();
  let hiddenDeclared = unreadable;
  for (const exam of exams) {
    if (steps.get(exam)!.op === "delete") continue;
    const key = placeKey(steps.get(exam)!.after);
    if (key === undefined) hiddenDeclared = true;
    else declaredBy.set(key, exam);
  }
  /** Another resource that upserts this exam: true, false, or undefined when a masked or unknown examId could be it. */
  const successorOf = (exam: ExamChange, old: Record<string, unknown>): { successor?: ExamChange; managed: boolean | undefined } => {
    const key = placeKey(old);
    const successor = key === undefined ? undefined : declaredBy.get(key);
    if (successor && successor !== exam) return { successor, managed: true };
    return { managed: key === undefined || hiddenDeclared ? undefined : false };
  };
  for (const exam of exams) {
    const old = steps.get(exam)!.before;
    if (exam.kind === "retained") {
      const { successor, managed } = successorOf(exam, old);
      const { fate, unseen } = removal(old.deletionPolicy, managed);
      exam.fate = fate;
      exam.unseen = unseen;
      exam.kind = KIND_OF_REMOVAL[fate];
      if (successor) {
        exam.movedTo = successor.resource;
        if (successor.fate === "create") {
          successor.fate = arrival(true);
          successor.adoptsFrom = exam.resource;
        }
      }
    }
  }
  for (const exam of exams) {
    if (exam.kind === "replaced") {
      const old = steps.get(exam)!.before;
      const reasons = exam.replaceReasons as ReplaceReason[];
      // Masked arguments hide whether the old exam is the new one: the close it may get is counted.
      const managed = exam.unseen.length > 0 ? undefined : replacementKeepsExam(reasons) || successorOf(exam, old).managed;
      const { fate, unseen } = removal(old.deletionPolicy, managed);
      exam.oldExam = { examId: text(old.examId) ?? exam.examId, fate, unseen };
    }
    if (exam.kind === "updated") exam.fate = edit(exam.fields.map((f) => f.path));
    exam.upserts = REQUESTS[exam.fate] + (exam.oldExam ? REQUESTS[exam.oldExam.fate] : 0);
  }
}

/** Puts each finding on the exam it names (by resource, by group and examId, or by examId); the rest stay general. */
function attach(findings: Finding[], exams: ExamChange[], list: "errors" | "warnings"): Finding[] {
  const general: Finding[] = [];
  for (const finding of findings) {
    const { resource, examId } = finding;
    const exam =
      exams.find((e) => resource !== undefined && e.resource === resource) ??
      exams.find((e) => resource !== undefined && examId !== undefined && e.resource === memberName(resource, examId)) ??
      exams.find((e) => examId !== undefined && e.examId === examId && e.kind !== "moved");
    (exam ? exam[list] : general).push(finding);
  }
  return general;
}

function unreadableWarning({ resource, why }: UnreadableGroup): Finding {
  return { resource, message: `${why}: the review cannot list them, count their upserts, or tell whether one takes over an exam removed elsewhere` };
}

/** The review of a preview: what happens to each exam, the preview's findings and, when given, the policy pack's violations. */
export function reviewOf(preview: Preview, policy?: PolicyViolation[]): Review {
  const { steps: all, unreadable } = examSteps(preview.steps);
  const steps = new Map<ExamChange, ExamStep>();
  const seen = new Set<string>();
  for (const step of all) {
    const kind = kindOf(step);
    // The engine lists a replaced resource twice (create-replacement, then replace): its first step speaks for it.
    const key = JSON.stringify([step.urn, step.examId ?? ""]);
    if (kind === undefined || seen.has(key)) continue;
    seen.add(key);
    steps.set(examChange(step, kind), step);
  }
  const exams = [...steps.keys()];
  settle(exams, steps, unreadable.length > 0);
  const findings = readFindings(preview.diagnostics);
  return {
    exams,
    errors: attach(dedupe(findings.errors), exams, "errors"),
    warnings: [...unreadable.map(unreadableWarning), ...attach(dedupe(findings.warnings), exams, "warnings")],
    samesListed: preview.hiddenSames === 0,
    ...(policy && { policy }),
  };
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(JSON.stringify(f)) && seen.add(JSON.stringify(f)) !== undefined);
}
