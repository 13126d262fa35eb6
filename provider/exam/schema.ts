import { z } from "zod";
import { MAX_BODY_BYTES, oversizeBody } from "./body-size";
import { DATE_TIME_PATTERN, instantOf, parseInstant } from "./dates";
import { didYouMean } from "../nearest";
import { show } from "../show";
import { hideSecrets, HIDDEN, secretArguments } from "./secret-reasons";
import { textMeta, textProblems, type TextRule } from "./text";

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

/** Minutes: a duration that is not a multiple gets a warning (the vendor's LMS plugin offers these steps). */
const DURATION_STEP = 30;

// ---- Messages -------------------------------------------------------------

/** Error map for a value of the wrong type, or for a required one that is missing. */
export function expected(what: string) {
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
//
// Each helper states its limits once and hands them both to the check (and its
// messages) and to `.meta()`, in JSON Schema's words where it has them. Each
// field's meaning is a `description` in its own `.meta()`. The field
// table (scripts/docs/fields.ts) and any JSON Schema are read off these.

/** Every value may be unknown during preview; the sentinel is tried first. */
function known<T extends z.ZodType>(schema: T) {
  return z.union([z.literal(UNKNOWN), schema]);
}

function optional<T extends z.ZodType>(schema: T) {
  return known(schema).optional();
}

function text(rule: TextRule) {
  return z
    .string({ error: expected("a string") })
    .superRefine(unless((s: string) => textProblems(s, rule)))
    .meta(textMeta(rule));
}

/** The examples send ids as numbers; the parameter table and callbacks use strings. */
function identifier(max: number) {
  const rule: TextRule = { max, nonEmpty: true, identity: true };
  return z
    .union([z.string(), z.number()], { error: expected("a string or a whole number") })
    .superRefine(
      unless((id: string | number) =>
        typeof id === "number"
          ? Number.isSafeInteger(id) ? undefined : `must be a string or a whole number (got ${id})`
          : textProblems(id, rule),
      ),
    )
    .meta(textMeta(rule))
    .transform((id) => idText(id)!);
}

/** An id as the API keys it: a string, or a whole number written as one; undefined for anything else. */
export function idText(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  return typeof value === "number" && Number.isSafeInteger(value) ? String(value) : undefined;
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
  ).meta({ type: integer ? "integer" : "number", minimum: min, ...(max !== undefined && { maximum: max }) });
}

function dateTime() {
  return z.string({ error: expected("an ISO 8601 date-time string") }).superRefine(
    unless((s: string) => {
      const parsed = parseInstant(s);
      return "problem" in parsed ? parsed.problem : undefined;
    }),
  ).meta({ pattern: DATE_TIME_PATTERN });
}

function httpUrl(max: number) {
  const rule: TextRule = { max };
  return z.string({ error: expected("a string") }).superRefine(
    unless((s: string) => {
      const problems = textProblems(s, rule);
      if (problems.length > 0) return problems;
      const protocol = URL.canParse(s) ? new URL(s).protocol : undefined;
      return protocol === "http:" || protocol === "https:" ? undefined : `must be an http(s) URL (got ${show(s)})`;
    }),
  ).meta({ format: "uri", protocols: ["http", "https"], ...textMeta(rule) });
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
    .meta({ maxItems: max })
    .nullable();
}

function section<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, { error: expected("an object") });
}

/**
 * A key of a section, with the server's documented default as JSON Schema's
 * `default`: what Proctor assumes when the key is not sent (the provider fills
 * nothing in).
 */
function sectionKey<S extends z.ZodType>(schema: S, serverDefault: unknown, description?: string) {
  return optional(schema.meta({ default: serverDefault, ...(description !== undefined && { description }) }));
}

function ruleShape() {
  const rule = (key: Exclude<keyof typeof RULE_DEFAULTS, "custom_rules">) => sectionKey(flag(), RULE_DEFAULTS[key]);
  return {
    allow_to_use_websites: rule("allow_to_use_websites"),
    allow_to_use_books: rule("allow_to_use_books"),
    allow_to_use_paper: rule("allow_to_use_paper"),
    allow_to_use_messengers: rule("allow_to_use_messengers"),
    allow_to_use_calculator: rule("allow_to_use_calculator"),
    allow_to_use_excel: rule("allow_to_use_excel"),
    allow_to_use_human_assistant: rule("allow_to_use_human_assistant"),
    allow_absence_in_frame: rule("allow_absence_in_frame"),
    allow_voices: rule("allow_voices"),
    allow_wrong_gaze_direction: rule("allow_wrong_gaze_direction"),
    // Free text shown to learners: the one field where line breaks belong. 10,000
    // characters is pages of rules; the vendor documents no limit.
    custom_rules: sectionKey(
      text({ max: 10_000, multiline: true }),
      RULE_DEFAULTS.custom_rules,
      "Free-text rules shown to the learner.",
    ),
  } satisfies Record<keyof typeof RULE_DEFAULTS, z.ZodType>;
}

function visibleWarningShape() {
  const warning = (key: keyof typeof VISIBLE_WARNING_DEFAULTS, description?: string) =>
    sectionKey(flag(), VISIBLE_WARNING_DEFAULTS[key], description);
  const configured = "Takes effect only if the web app is configured for it.";
  return {
    // First, as in the documented example, which sends this legacy key.
    warning_timeout: optional(flag().meta({ description: "Legacy key, sent by the documented example; no documented default." })),
    warning_extra_user_in_frame: warning("warning_extra_user_in_frame"),
    warning_substitution_user: warning("warning_substitution_user"),
    warning_no_user_in_frame: warning("warning_no_user_in_frame"),
    warning_avert_eyes: warning("warning_avert_eyes"),
    warning_change_active_window_on_computer: warning("warning_change_active_window_on_computer"),
    warning_voice_detected: warning("warning_voice_detected"),
    warning_phone: warning("warning_phone", configured),
    warning_forbidden_device: warning("warning_forbidden_device", configured),
  } satisfies Record<keyof typeof VISIBLE_WARNING_DEFAULTS | "warning_timeout", z.ZodType>;
}

function scoreShape() {
  const weight = (key: Exclude<keyof typeof SCORE_DEFAULTS, "cheaterLevel">, what: string) =>
    sectionKey(numberIn({ min: 0, max: 10 }), SCORE_DEFAULTS[key], `Weight: ${what}.`);
  return {
    cheaterLevel: sectionKey(
      numberIn({ min: 0, max: 100, integer: true }),
      SCORE_DEFAULTS.cheaterLevel,
      "Threshold: a score above it makes the automatic result negative.",
    ),
    extraUserInFrame: weight("extraUserInFrame", "extra person in frame"),
    substitutionUser: weight("substitutionUser", "learner replaced"),
    noUserInFrame: weight("noUserInFrame", "learner absent"),
    avertEyes: weight("avertEyes", "suspicious gaze"),
    changeActiveWindowOnComputer: weight("changeActiveWindowOnComputer", "exam window lost focus"),
    forbiddenDevice: weight("forbiddenDevice", "forbidden hardware"),
    voiceDetected: weight("voiceDetected", "voice detected"),
    phone: weight("phone", "phone in use"),
  } satisfies Record<keyof typeof SCORE_DEFAULTS, z.ZodType>;
}

/** The plugin's fields (§3b): the vendor's LMS plugin sends them; the public guide does not describe them. */
const PLUGIN_FIELD = "Vendor plugin field; sent only when set.";

function apiShape(sections: { rules: ReturnType<typeof ruleShape>; visibleWarnings: ReturnType<typeof visibleWarningShape>; scoreConfig: ReturnType<typeof scoreShape> }) {
  const replaces = "Changing it replaces the exam.";
  return {
    accountId: known(identifier(255).meta({ description: `Company or department key in your system. ${replaces}` })),
    accountName: known(text({ max: 255, nonEmpty: true, displayName: true }).meta({ description: "Display name of the account in the Proctor dashboard." })),
    examId: known(
      identifier(255).meta({ description: `Your stable id of the exam (ideally a GUID): the upsert key and the resource id. ${replaces}` }),
    ),
    examName: known(text({ max: 500, nonEmpty: true, displayName: true }).meta({ description: "Display name of the exam." })),
    courseName: optional(text({ max: 450, displayName: true }).meta({ description: "Display name of the course." })),
    userAgreementUrl: optional(httpUrl(200).meta({ description: "Regulations page shown before the exam." })),
    duration: known(
      numberIn({ min: 1, integer: true }).meta({
        description: `Minutes. A value that is not a multiple of ${DURATION_STEP} gets a warning (the vendor's LMS plugin expects multiples of ${DURATION_STEP}).`,
      }),
    ),
    schedule: known(flag().meta({ description: "`true`: learners book a slot in the Proctor calendar, between startDate and endDate." })),
    proctoring: known(
      oneOf(["online", "offline", "auto", "identification"]).meta({
        description: "`online`: a live proctor watches; `offline`: reviewed afterwards; `auto`: AI decides; `identification`: a live proctor checks ID, then AI.",
      }),
    ),
    identification: optional(
      oneOf(["passport", "face", "face_and_passport", "skip"]).meta({ description: "Photo step before the exam: ID document, face, both, or none." }),
    ),
    startDate: known(dateTime().meta({ description: "Learners cannot start before it." })),
    endDate: known(dateTime().meta({ description: "Must not be earlier than startDate." })),
    trial: optional(flag().meta({ description: "Demo exam: its sessions are left out of reports and their videos are not archived." })),
    auxiliaryCamera: optional(flag().meta({ description: "Requires a phone as a second camera." })),
    rules: optional(section(sections.rules).meta({ description: "What learners may use; keys below. Merged key by key in a catalogue." })),
    visibleWarnings: optional(
      section(sections.visibleWarnings).meta({ description: "Which warnings learners see (hidden ones are still recorded); keys below." }),
    ),
    scoreConfig: optional(section(sections.scoreConfig).meta({ description: "Weights of the automatic score; keys below." })),
    auxiliaryCameraMode: optional(oneOf(["photo", "video"]).meta({ description: "Vendor plugin field (not in the public guide); sent only when set." })),
    webCameraMainView: optional(oneOf(["front", "side"]).meta({ description: PLUGIN_FIELD })),
    secureBrowser: optional(flag().meta({ description: PLUGIN_FIELD })),
    secureBrowserLevel: optional(oneOf(["basic", "medium", "high"]).meta({ description: PLUGIN_FIELD })),
    allowMultipleDisplays: optional(flag().meta({ description: PLUGIN_FIELD })),
    allowVirtualEnvironment: optional(flag().meta({ description: PLUGIN_FIELD })),
    checkIdPhotoQuality: optional(flag().meta({ description: PLUGIN_FIELD })),
    calculator: optional(oneOf(["off", "simple", "scientific"]).meta({ description: PLUGIN_FIELD })),
    streamsPreset: optional(oneOf(["default", "no_video", "no_ai_detection", "no_webcam"]).meta({ description: PLUGIN_FIELD })),
    desktopAppAllowedProcesses: optional(processList().meta({ description: PLUGIN_FIELD })),
    desktopAppForbiddenProcesses: optional(processList().meta({ description: PLUGIN_FIELD })),
    sendManualWarningsToLearner: optional(flag().meta({ description: "Vendor plugin field (matters only for `online`); sent only when set." })),
    allowRoomScanAuxCamera: optional(flag().meta({ description: PLUGIN_FIELD })),
    // No documented limit; courseName's sibling in the plugin, sized like an id.
    courseCode: optional(text({ max: 255 }).meta({ description: PLUGIN_FIELD })),
  } satisfies Record<ApiField, z.ZodType>;
}

/** Arguments of the resource that shape how it is managed; never sent. */
function optionShape() {
  return {
    deletionPolicy: known(
      oneOf(["retain", "close"]).meta({
        description: "Not sent. What deleting the resource does: `retain` leaves the exam in Proctor (with a warning); `close` ends its window now.",
      }),
    ).default("retain"),
    connection: optional(
      connectionName().meta({
        description: "Not sent. A named connection (`proctor:connections.<name>`) instead of the default one. Changing where it points replaces the exam.",
      }),
    ),
  };
}

/** A connection's name becomes part of environment variable names (`PROCTOR_<NAME>_URL`). */
function connectionName() {
  const max = 64;
  const pattern = new RegExp(`^[A-Za-z0-9_-]{1,${max}}$`);
  return z
    .string({ error: expected("a string") })
    .superRefine(unless((s: string) => (pattern.test(s) ? undefined : `must be 1 to ${max} letters, digits, "_" or "-" (got ${show(s)})`)))
    .meta({ minLength: 1, maxLength: max, pattern: pattern.source, characters: "letters, digits, _ and -" });
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

/**
 * The keys of a section (rules, visibleWarnings, scoreConfig) in the order the
 * documented example writes them: inputs that went through the engine come
 * back with their keys sorted, and the body should read like the documentation.
 */
export function sectionKeys(section: string): readonly string[] {
  return compiledSchema().knownKeys[section] ?? [];
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
  /** The key is not one the schema knows (the key is at fault, not a value). */
  unknownKey?: true;
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
  return didYouMean(key, known) ?? `unknown key; allowed keys are ${known.join(", ")}`;
}

/** Zod issues as check failures: property paths, and for an unknown key the nearest known one (`knownKeys` by the path of the object holding it). */
export function failuresOf(issues: readonly z.core.$ZodIssue[], knownKeys: Record<string, string[]>, prefix: PropertyKey[] = []): CheckFailure[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && isUnknownWrapper(issue)) return failuresOf(issue.errors[1], knownKeys, path);
    if (issue.code === "unrecognized_keys") {
      const known = knownKeys[propertyPath(path)] ?? [];
      return issue.keys.map((key) => ({ property: propertyPath([...path, key]), reason: unknownKeyReason(key, known), unknownKey: true as const }));
    }
    return [{ property: propertyPath(path), reason: issue.message }];
  });
}

function warningsFor(exam: ExamSpec, secrets: ReadonlyMap<string, unknown>): string[] {
  const warnings: string[] = [];
  if (typeof exam.duration === "number" && exam.duration % DURATION_STEP !== 0) {
    const duration = secrets.has("duration") ? HIDDEN : exam.duration;
    warnings.push(
      `duration ${duration} is not a multiple of ${DURATION_STEP} minutes; the vendor's LMS plugin expects multiples of ${DURATION_STEP}`,
    );
  }
  return warnings;
}

/**
 * Validates and normalizes an exam's arguments, reporting every failure at
 * once. Keys starting with `__` belong to the Pulumi engine and are ignored,
 * but for `__secretInputs`: the arguments whose values no message may quote.
 */
export function validateExam(inputs: Record<string, unknown>): Validation {
  const declared = Object.fromEntries(Object.entries(inputs).filter(([key]) => !key.startsWith("__")));
  const secrets = secretArguments(inputs);
  const { schema, knownKeys } = compiledSchema();
  const parsed = schema.safeParse(declared);
  if (!parsed.success) {
    const failures = failuresOf(parsed.error.issues, knownKeys).map((f) => ({ ...f, reason: hideSecrets(f.property, f.reason, secrets) }));
    return { ok: false, failures };
  }
  return { ok: true, exam: parsed.data, warnings: warningsFor(parsed.data, secrets) };
}
