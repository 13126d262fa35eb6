import { z } from "zod";
import { MAX_BODY_BYTES, oversizeBody } from "./body-size";
import { instantOf, parseInstant } from "./dates";
import { nearest } from "../nearest";
import { show } from "../show";
import { textProblems, type TextRule } from "./text";

/**
 * What the Pulumi engine passes, whatever the field's type, for a value it does
 * not know yet during preview. Such values are accepted as they are.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export type Unknown = typeof UNKNOWN;

/** The documented defaults of `rules` (proctor-api.md §4). */
export const RULE_DEFAULTS = {
  allow_to_use_websites: false,
  allow_to_use_books: false,
  allow_to_use_paper: true,
  allow_to_use_messengers: false,
  allow_to_use_calculator: true,
  allow_to_use_excel: false,
  allow_to_use_human_assistant: false,
  allow_absence_in_frame: false,
  allow_voices: false,
  allow_wrong_gaze_direction: false,
  custom_rules: "",
} as const;

/**
 * The documented defaults of `visibleWarnings` (§4). The legacy
 * `warning_timeout` is accepted but has no documented default.
 */
export const VISIBLE_WARNING_DEFAULTS = {
  warning_extra_user_in_frame: true,
  warning_substitution_user: true,
  warning_no_user_in_frame: true,
  warning_avert_eyes: true,
  warning_change_active_window_on_computer: true,
  warning_voice_detected: true,
  warning_phone: true,
  warning_forbidden_device: true,
} as const;

/** The documented defaults of `scoreConfig` (§5), in the camelCase this project sends. */
export const SCORE_DEFAULTS = {
  cheaterLevel: 80,
  extraUserInFrame: 1,
  substitutionUser: 1,
  noUserInFrame: 2,
  avertEyes: 1.5,
  changeActiveWindowOnComputer: 1,
  forbiddenDevice: 1,
  voiceDetected: 1,
  phone: 1,
} as const;

/**
 * The fields sent to the API (§3a, then the plugin's §3b), in the order of the
 * documented example so the body reads like it. Every other argument is a
 * resource option.
 */
export const API_FIELDS = [
  "accountId", "accountName", "examId", "examName", "courseName", "userAgreementUrl",
  "duration", "schedule", "proctoring", "identification", "startDate", "endDate",
  "trial", "auxiliaryCamera", "rules", "visibleWarnings", "scoreConfig",
  "auxiliaryCameraMode", "webCameraMainView", "secureBrowser", "secureBrowserLevel",
  "allowMultipleDisplays", "allowVirtualEnvironment", "checkIdPhotoQuality", "calculator",
  "streamsPreset", "desktopAppAllowedProcesses", "desktopAppForbiddenProcesses",
  "sendManualWarningsToLearner", "allowRoomScanAuxCamera", "courseCode",
] as const;
export type ApiField = (typeof API_FIELDS)[number];

// ---- Messages -------------------------------------------------------------

/** Error map for a value of the wrong type, or for a required one that is missing. */
function expected(what: string) {
  return (issue: { code?: string; input?: unknown }) => {
    if (issue.code === "unrecognized_keys") return undefined;
    return issue.input === undefined ? "is required" : `must be ${what} (got ${show(issue.input)})`;
  };
}

/** A refinement from a function that names what is wrong with a value, if anything. */
function unless<T>(problems: (value: T) => string | readonly string[] | undefined) {
  return (value: T, ctx: z.RefinementCtx<T>) => {
    for (const message of [problems(value) ?? []].flat()) ctx.addIssue({ code: "custom", message, input: value });
  };
}

// ---- Field schemas --------------------------------------------------------

/** Every value may be unknown during preview; the sentinel is tried first. */
function known<T extends z.ZodType>(schema: T) {
  return z.union([z.literal(UNKNOWN), schema]);
}

function optional<T extends z.ZodType>(schema: T) {
  return known(schema).optional();
}

function text(rule: TextRule) {
  return z.string({ error: expected("a string") }).superRefine(unless((s: string) => textProblems(s, rule)));
}

/** The examples send ids as numbers; the parameter table and callbacks use strings. */
function identifier(max: number) {
  return z
    .union([z.string(), z.number()], { error: expected("a string or a whole number") })
    .superRefine(
      unless((id: string | number) =>
        typeof id === "number"
          ? Number.isSafeInteger(id) ? undefined : `must be a string or a whole number (got ${id})`
          : textProblems(id, { max, nonEmpty: true, identity: true }),
      ),
    )
    .transform((id) => String(id));
}

function flag() {
  return z.boolean({ error: expected("true or false") });
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: expected(`one of ${values.join(", ")}`) });
}

function numberIn(bounds: { min: number; max?: number; integer?: boolean }) {
  const { min, max, integer } = bounds;
  return z.number({ error: expected("a number") }).superRefine(
    unless((n: number) => {
      if (integer && !Number.isInteger(n)) return `must be an integer (got ${n})`;
      if (max === undefined) return n < min ? `must be at least ${min} (got ${n})` : undefined;
      return n < min || n > max ? `must be between ${min} and ${max} (got ${n})` : undefined;
    }),
  );
}

function dateTime() {
  return z.string({ error: expected("an ISO 8601 date-time string") }).superRefine(
    unless((s: string) => {
      const parsed = parseInstant(s);
      return "problem" in parsed ? parsed.problem : undefined;
    }),
  );
}

function httpUrl(max: number) {
  return z.string({ error: expected("a string") }).superRefine(
    unless((s: string) => {
      const problems = textProblems(s, { max });
      if (problems.length > 0) return problems;
      const protocol = URL.canParse(s) ? new URL(s).protocol : undefined;
      return protocol === "http:" || protocol === "https:" ? undefined : `must be an http(s) URL (got ${show(s)})`;
    }),
  );
}

/** Process (executable) names: the vendor sets no limit, ours are far above any real list. */
function processList() {
  const max = 500;
  return z
    .array(known(text({ max: 255 })), { error: expected("a list of strings or null") })
    .superRefine(
      unless((list: unknown[]) => (list.length > max ? `must have at most ${max} entries (got ${list.length})` : undefined)),
      // Also when entries failed: the count is a problem of its own.
      { when: ({ value }) => Array.isArray(value) },
    )
    .nullable();
}

function section<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, { error: expected("an object") });
}

function ruleShape() {
  return {
    allow_to_use_websites: optional(flag()),
    allow_to_use_books: optional(flag()),
    allow_to_use_paper: optional(flag()),
    allow_to_use_messengers: optional(flag()),
    allow_to_use_calculator: optional(flag()),
    allow_to_use_excel: optional(flag()),
    allow_to_use_human_assistant: optional(flag()),
    allow_absence_in_frame: optional(flag()),
    allow_voices: optional(flag()),
    allow_wrong_gaze_direction: optional(flag()),
    // Free text shown to learners: the one field where line breaks belong. 10,000
    // characters is pages of rules; the vendor documents no limit.
    custom_rules: optional(text({ max: 10_000, multiline: true })),
  } satisfies Record<keyof typeof RULE_DEFAULTS, z.ZodType>;
}

function visibleWarningShape() {
  return {
    // First, as in the documented example, which sends this legacy key.
    warning_timeout: optional(flag()),
    warning_extra_user_in_frame: optional(flag()),
    warning_substitution_user: optional(flag()),
    warning_no_user_in_frame: optional(flag()),
    warning_avert_eyes: optional(flag()),
    warning_change_active_window_on_computer: optional(flag()),
    warning_voice_detected: optional(flag()),
    warning_phone: optional(flag()),
    warning_forbidden_device: optional(flag()),
  } satisfies Record<keyof typeof VISIBLE_WARNING_DEFAULTS | "warning_timeout", z.ZodType>;
}

function scoreShape() {
  const weight = () => optional(numberIn({ min: 0, max: 10 }));
  return {
    cheaterLevel: optional(numberIn({ min: 0, max: 100, integer: true })),
    extraUserInFrame: weight(),
    substitutionUser: weight(),
    noUserInFrame: weight(),
    avertEyes: weight(),
    changeActiveWindowOnComputer: weight(),
    forbiddenDevice: weight(),
    voiceDetected: weight(),
    phone: weight(),
  } satisfies Record<keyof typeof SCORE_DEFAULTS, z.ZodType>;
}

function apiShape(sections: { rules: ReturnType<typeof ruleShape>; visibleWarnings: ReturnType<typeof visibleWarningShape>; scoreConfig: ReturnType<typeof scoreShape> }) {
  return {
    accountId: known(identifier(255)),
    accountName: known(text({ max: 255, nonEmpty: true })),
    examId: known(identifier(255)),
    examName: known(text({ max: 500, nonEmpty: true })),
    courseName: optional(text({ max: 450 })),
    userAgreementUrl: optional(httpUrl(200)),
    duration: known(numberIn({ min: 1, integer: true })),
    schedule: known(flag()),
    proctoring: known(oneOf(["online", "offline", "auto", "identification"])),
    identification: optional(oneOf(["passport", "face", "face_and_passport", "skip"])),
    startDate: known(dateTime()),
    endDate: known(dateTime()),
    trial: optional(flag()),
    auxiliaryCamera: optional(flag()),
    rules: optional(section(sections.rules)),
    visibleWarnings: optional(section(sections.visibleWarnings)),
    scoreConfig: optional(section(sections.scoreConfig)),
    auxiliaryCameraMode: optional(oneOf(["photo", "video"])),
    webCameraMainView: optional(oneOf(["front", "side"])),
    secureBrowser: optional(flag()),
    secureBrowserLevel: optional(oneOf(["basic", "medium", "high"])),
    allowMultipleDisplays: optional(flag()),
    allowVirtualEnvironment: optional(flag()),
    checkIdPhotoQuality: optional(flag()),
    calculator: optional(oneOf(["off", "simple", "scientific"])),
    streamsPreset: optional(oneOf(["default", "no_video", "no_ai_detection", "no_webcam"])),
    desktopAppAllowedProcesses: optional(processList()),
    desktopAppForbiddenProcesses: optional(processList()),
    sendManualWarningsToLearner: optional(flag()),
    allowRoomScanAuxCamera: optional(flag()),
    // No documented limit; courseName's sibling in the plugin, sized like an id.
    courseCode: optional(text({ max: 255 })),
  } satisfies Record<ApiField, z.ZodType>;
}

/** Arguments of the resource that shape how it is managed; never sent. */
function optionShape() {
  return {
    deletionPolicy: known(oneOf(["retain", "close"])).default("retain"),
    connection: optional(
      z.string({ error: expected("a string") }).superRefine(
        unless((s: string) =>
          /^[A-Za-z0-9_-]{1,64}$/.test(s) ? undefined : `must be 1 to 64 letters, digits, "_" or "-" (got ${show(s)})`,
        ),
      ),
    ),
  };
}

/**
 * The whole body must fit MAX_BODY_BYTES; the failure names the field that
 * takes most of it, where the fix most likely is.
 */
function checkBodySize(exam: Record<string, unknown>, ctx: z.RefinementCtx<unknown>): void {
  const over = oversizeBody(Object.fromEntries(API_FIELDS.map((field) => [field, exam[field]])));
  if (over === undefined) return;
  ctx.addIssue({
    code: "custom",
    path: over.path,
    message: `makes the request body ${over.bytes} bytes of JSON, more than the ${MAX_BODY_BYTES} allowed (this field takes ${over.fieldBytes})`,
  });
}

/** An exam must not end before it starts; skipped while either date is invalid or unknown. */
function checkWindow(exam: { startDate?: unknown; endDate?: unknown }, ctx: z.RefinementCtx<unknown>): void {
  const start = instantOf(exam.startDate);
  const end = instantOf(exam.endDate);
  if (start === undefined || end === undefined || end >= start) return;
  ctx.addIssue({
    code: "custom",
    path: ["endDate"],
    input: exam.endDate,
    message: `must not be earlier than startDate (endDate ${String(exam.endDate)} is before startDate ${String(exam.startDate)})`,
  });
}

function buildExamSchema() {
  const sections = { rules: ruleShape(), visibleWarnings: visibleWarningShape(), scoreConfig: scoreShape() };
  const shape = { ...apiShape(sections), ...optionShape() };
  // `when` lets these checks run even when other fields already failed, so
  // every failure is reported at once.
  const schema = z.strictObject(shape).superRefine(checkWindow, { when: () => true }).superRefine(checkBodySize, { when: () => true });
  const knownKeys: Record<string, string[]> = {
    "": Object.keys(shape),
    rules: Object.keys(sections.rules),
    visibleWarnings: Object.keys(sections.visibleWarnings),
    scoreConfig: Object.keys(sections.scoreConfig),
  };
  return { schema, knownKeys };
}

// Built on first use, not at module load: a zod object at module level breaks
// Pulumi's closure serializer if a serialized function ever captures it.
let compiled: ReturnType<typeof buildExamSchema> | undefined;

function compiledSchema(): ReturnType<typeof buildExamSchema> {
  return (compiled ??= buildExamSchema());
}

/** The zod schema of an exam's arguments. */
export function examSchema(): ReturnType<typeof buildExamSchema>["schema"] {
  return compiledSchema().schema;
}

// ---- Types ----------------------------------------------------------------

/** `T` with the unknown sentinel taken out of every value, at any depth. */
export type Known<T> = T extends Unknown
  ? never
  : T extends readonly (infer E)[]
    ? Known<E>[]
    : T extends object
      ? { [K in keyof T]: Known<T[K]> }
      : T;

/** The arguments of an exam as a program declares them. */
export type ExamInput = Known<z.input<ReturnType<typeof examSchema>>>;

/** A validated, normalized exam; during preview any value may still be `Unknown`. */
export type ExamSpec = z.output<ReturnType<typeof examSchema>>;

export interface CheckFailure {
  property: string;
  reason: string;
}

export type Validation =
  | { ok: true; exam: ExamSpec; warnings: string[] }
  | { ok: false; failures: CheckFailure[] };

// ---- Validation -----------------------------------------------------------

function propertyPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join("");
}

/** A union that failed on the sentinel branch is only the `known()` wrapper; its real issues are the other branch's. */
function isUnknownWrapper(issue: z.core.$ZodIssueInvalidUnion): boolean {
  const [sentinel] = issue.errors;
  return issue.errors.length === 2 && sentinel?.length === 1 && sentinel[0].code === "invalid_value" && sentinel[0].values[0] === UNKNOWN;
}

function unknownKeyReason(key: string, known: string[]): string {
  const suggestion = nearest(key, known);
  return suggestion === undefined ? `unknown key; allowed keys are ${known.join(", ")}` : `unknown key; did you mean ${JSON.stringify(suggestion)}?`;
}

function failuresOf(issues: readonly z.core.$ZodIssue[], knownKeys: Record<string, string[]>, prefix: PropertyKey[] = []): CheckFailure[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && isUnknownWrapper(issue)) return failuresOf(issue.errors[1], knownKeys, path);
    if (issue.code === "unrecognized_keys") {
      const known = knownKeys[propertyPath(path)] ?? [];
      return issue.keys.map((key) => ({ property: propertyPath([...path, key]), reason: unknownKeyReason(key, known) }));
    }
    return [{ property: propertyPath(path), reason: issue.message }];
  });
}

function warningsFor(exam: ExamSpec): string[] {
  const warnings: string[] = [];
  if (typeof exam.duration === "number" && exam.duration % 30 !== 0) {
    warnings.push(`duration ${exam.duration} is not a multiple of 30 minutes; the vendor's LMS plugin expects multiples of 30`);
  }
  return warnings;
}

/**
 * Validates and normalizes an exam's arguments, reporting every failure at
 * once. Keys starting with `__` belong to the Pulumi engine and are ignored.
 */
export function validateExam(inputs: Record<string, unknown>): Validation {
  const declared = Object.fromEntries(Object.entries(inputs).filter(([key]) => !key.startsWith("__")));
  const { schema, knownKeys } = compiledSchema();
  const parsed = schema.safeParse(declared);
  if (!parsed.success) return { ok: false, failures: failuresOf(parsed.error.issues, knownKeys) };
  return { ok: true, exam: parsed.data, warnings: warningsFor(parsed.data) };
}
