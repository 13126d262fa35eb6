import { ValidationError } from "../errors";
import { GROUP_TYPE_TOKEN } from "../group/shape";
import { isRecord } from "../record";

/**
 * The parts of `pulumi preview --json` the review reads. The CLI prints one
 * JSON object: `steps` (one per resource, with `op`, `urn`, `oldState` and
 * `newState` holding `inputs`/`outputs`, and for a replacement its
 * `replaceReasons`) and `diagnostics` (warnings and errors, an error with the
 * URN of its resource). A failed preview still prints it, with only the steps
 * that ran.
 */
export interface PreviewState {
  type?: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

export interface PreviewStep {
  op: string;
  urn: string;
  oldState?: PreviewState;
  newState?: PreviewState;
  replaceReasons?: string[];
  detailedDiff?: Record<string, unknown> | null;
}

export interface PreviewDiagnostic {
  urn?: string;
  message: string;
  severity: string;
}

export interface Preview {
  steps: PreviewStep[];
  diagnostics: PreviewDiagnostic[];
  /** Unchanged resources the preview counted but did not list: it ran without `--show-sames`. */
  hiddenSames: number;
}

/** The type token of an Exam (a dynamic resource of this provider). */
const EXAM_TYPE = "pulumi-nodejs:dynamic/proctor:Exam";

/** The resource name in a URN (`urn:pulumi:stack::project::type::name`). */
export function resourceName(urn: string): string {
  return urn.split("::").at(-1) ?? urn;
}

/** The resource's own type: a URN's type segment ends with it (a component parent's type comes first, joined by `$`). */
function typeOf(step: PreviewStep): string {
  return (step.urn.split("::").at(-2) ?? "").split("$").at(-1)!;
}

export function isExamStep(step: PreviewStep): boolean {
  return typeOf(step) === EXAM_TYPE;
}

/** A course's or an account's exams in one resource (group/shape.ts). */
export function isGroupStep(step: PreviewStep): boolean {
  return typeOf(step) === GROUP_TYPE_TOKEN;
}

/** Parses the CLI's output, or says what is wrong with it in terms of the command that made it. */
export function parsePreview(text: string, source: string): Preview {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const hint = text.trimStart().startsWith("{") ? "" : " (was it made with `pulumi preview --json`? Without --json the CLI prints text)";
    throw new ValidationError("PREVIEW_INVALID", `${source} is not JSON${hint}: ${(error as Error).message}`);
  }
  if (!isRecord(json) || (!Array.isArray(json.steps) && !Array.isArray(json.diagnostics))) {
    throw new ValidationError("PREVIEW_INVALID", `${source} is not the output of \`pulumi preview --json\`: it has neither "steps" nor "diagnostics"`);
  }
  const steps = (Array.isArray(json.steps) ? json.steps : []).filter(
    (step): step is PreviewStep => isRecord(step) && typeof step.op === "string" && typeof step.urn === "string",
  );
  const diagnostics = (Array.isArray(json.diagnostics) ? json.diagnostics : []).filter(
    (d): d is PreviewDiagnostic => isRecord(d) && typeof d.message === "string",
  );
  const counted = isRecord(json.changeSummary) && typeof json.changeSummary.same === "number" ? json.changeSummary.same : 0;
  const hiddenSames = Math.max(0, counted - steps.filter((s) => s.op === "same").length);
  return { steps, diagnostics: diagnostics.map((d) => ({ ...d, severity: String(d.severity ?? "") })), hiddenSames };
}
