// Checks an exam body against the API reference (proctor-api.md §3–§6) and normalizes it.
// Every bad field is reported at once, keyed by its path, so a caller fixes a body in one
// round trip, the way the provider's own check() is meant to report.

import { parseOffsetDateTime } from "./dates";
import {
  IDENTIFICATION_MODES,
  isJsonObject,
  LEGACY_WARNING_KEYS,
  PROCTORING_MODES,
  REQUIRED_FIELDS,
  RULE_DEFAULTS,
  SCORE_FIELDS,
  WARNING_KEYS,
  type JsonObject,
  type ScoreConfig,
  type ScoreField,
  type ScoreSpelling,
  type Spelling,
} from "./exam";

export type Issues = Record<string, string>;

/** A body that passed validation, in the form the store keeps. */
export interface ValidExam {
  examId: string;
  /** Top-level fields except scoreConfig: ids as strings, rules and visibleWarnings with defaults filled in. */
  fields: JsonObject;
  /** Every score key under its canonical (snake_case) name, defaults filled in. */
  scoreConfig: ScoreConfig;
  /** How to spell each score key when answering: the caller's spelling for keys it sent. */
  scoreSpelling: ScoreSpelling;
  /** Top-level keys the reference does not list; kept, because the real server's handling is unknown. */
  unknownKeys: string[];
}

export type Validation = { ok: true; exam: ValidExam } | { ok: false; details: Issues };

type FieldCheck = (value: unknown, path: string, issues: Issues) => void;

export function validateExam(body: JsonObject): Validation {
  const issues: Issues = {};
  for (const field of REQUIRED_FIELDS) {
    if (!(field in body)) issues[field] = "is required";
  }
  const unknownKeys: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    const check = FIELD_CHECKS[key];
    if (check) check(value, key, issues);
    else unknownKeys.push(key);
  }
  checkDateOrder(body, issues);
  if (Object.keys(issues).length > 0) return { ok: false, details: issues };

  const fields: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (key !== "scoreConfig") fields[key] = value;
  }
  fields.accountId = String(body.accountId);
  fields.examId = String(body.examId);
  fields.rules = { ...RULE_DEFAULTS, ...asObject(body.rules) };
  fields.visibleWarnings = {
    ...Object.fromEntries(WARNING_KEYS.map((key) => [key, true])),
    ...asObject(body.visibleWarnings),
  };
  const { scoreConfig, scoreSpelling } = normalizeScoreConfig(asObject(body.scoreConfig));
  return { ok: true, exam: { examId: String(body.examId), fields, scoreConfig, scoreSpelling, unknownKeys } };
}

function asObject(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

// Python servers count characters as code points, not UTF-16 units.
function length(text: string): number {
  return [...text].length;
}

function text(max: number, nonEmpty = false): FieldCheck {
  return (value, path, issues) => {
    if (typeof value !== "string") issues[path] = `must be a string (got ${describe(value)})`;
    else if (nonEmpty && value.length === 0) issues[path] = "must not be empty";
    else if (length(value) > max) issues[path] = `must be at most ${max} characters (got ${length(value)})`;
  };
}

/** Longest examId or accountId, in characters. */
export const IDENTIFIER_MAX = 255;

// The vendor's examples send accountId as a number; the parameter table types it as a string.
function identifier(value: unknown, path: string, issues: Issues): void {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) issues[path] = `must be a string or an integer (got ${value})`;
  } else if (typeof value !== "string") {
    issues[path] = `must be a string or an integer (got ${describe(value)})`;
  } else text(IDENTIFIER_MAX, true)(value, path, issues);
}

function boolean(value: unknown, path: string, issues: Issues): void {
  if (typeof value !== "boolean") issues[path] = `must be a boolean (got ${describe(value)})`;
}

function oneOf(allowed: readonly string[]): FieldCheck {
  return (value, path, issues) => {
    if (typeof value !== "string" || !allowed.includes(value)) {
      issues[path] = `must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`;
    }
  };
}

function positiveInteger(value: unknown, path: string, issues: Issues): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    issues[path] = `must be an integer >= 1 (got ${JSON.stringify(value)})`;
  }
}

function dateTime(value: unknown, path: string, issues: Issues): void {
  if (typeof value !== "string") issues[path] = `must be a string (got ${describe(value)})`;
  else if (parseOffsetDateTime(value) === undefined) {
    issues[path] = "must be an ISO 8601 date-time with an offset (Z, +HH:MM or +HHMM)";
  }
}

function httpUrl(max: number): FieldCheck {
  return (value, path, issues) => {
    text(max)(value, path, issues);
    if (issues[path] !== undefined || typeof value !== "string") return;
    if (!URL.canParse(value) || !["http:", "https:"].includes(new URL(value).protocol)) {
      issues[path] = "must be an http(s) URL";
    }
  };
}

function processList(value: unknown, path: string, issues: Issues): void {
  if (value === null) return;
  if (!Array.isArray(value)) {
    issues[path] = `must be an array of strings or null (got ${describe(value)})`;
    return;
  }
  value.forEach((item, index) => {
    if (typeof item !== "string") issues[`${path}[${index}]`] = `must be a string (got ${describe(item)})`;
  });
}

function objectOf(checkEntry: (key: string, value: unknown, path: string, issues: Issues) => void): FieldCheck {
  return (value, path, issues) => {
    if (!isJsonObject(value)) {
      issues[path] = `must be an object (got ${describe(value)})`;
      return;
    }
    for (const [key, entry] of Object.entries(value)) checkEntry(key, entry, `${path}.${key}`, issues);
  };
}

const rules = objectOf((key, value, path, issues) => {
  if (!(key in RULE_DEFAULTS)) issues[path] = "unknown rule";
  else if (key === "custom_rules") {
    if (typeof value !== "string") issues[path] = `must be a string (got ${describe(value)})`;
  } else boolean(value, path, issues);
});

const WARNING_NAMES: readonly string[] = [...WARNING_KEYS, ...LEGACY_WARNING_KEYS];

const visibleWarnings = objectOf((key, value, path, issues) => {
  if (!WARNING_NAMES.includes(key)) issues[path] = "unknown warning";
  else boolean(value, path, issues);
});

function scoreField(key: string): { field: ScoreField; spelling: Spelling } | undefined {
  for (const field of SCORE_FIELDS) {
    if (key === field.camel) return { field, spelling: "camel" };
    if (key === field.canonical) return { field, spelling: "snake" };
  }
  return undefined;
}

function scoreConfig(value: unknown, path: string, issues: Issues): void {
  const seen = new Map<string, string>();
  objectOf((key, entry, entryPath, found) => {
    const known = scoreField(key);
    if (!known) {
      found[entryPath] = "unknown score key";
      return;
    }
    const { field } = known;
    const earlier = seen.get(field.canonical);
    if (earlier !== undefined) {
      found[entryPath] = `duplicates ${path}.${earlier} (same setting in the other spelling)`;
      return;
    }
    seen.set(field.canonical, key);
    const isNumber = typeof entry === "number" && Number.isFinite(entry);
    if (field.kind === "level" && !(isNumber && Number.isInteger(entry) && entry >= 0 && entry <= 100)) {
      found[entryPath] = `must be an integer between 0 and 100 (got ${JSON.stringify(entry)})`;
    } else if (field.kind === "weight" && !(isNumber && entry >= 0 && entry <= 10)) {
      found[entryPath] = `must be a number between 0 and 10 (got ${JSON.stringify(entry)})`;
    }
  })(value, path, issues);
}

const FIELD_CHECKS: Readonly<Record<string, FieldCheck>> = {
  accountId: identifier,
  accountName: text(255, true),
  examId: identifier,
  examName: text(500, true),
  courseName: text(450),
  userAgreementUrl: httpUrl(200),
  duration: positiveInteger,
  schedule: boolean,
  proctoring: oneOf(PROCTORING_MODES),
  startDate: dateTime,
  endDate: dateTime,
  identification: oneOf(IDENTIFICATION_MODES),
  trial: boolean,
  auxiliaryCamera: boolean,
  rules,
  visibleWarnings,
  scoreConfig,
  auxiliaryCameraMode: oneOf(["photo", "video"]),
  webCameraMainView: oneOf(["front", "side"]),
  secureBrowser: boolean,
  secureBrowserLevel: oneOf(["basic", "medium", "high"]),
  allowMultipleDisplays: boolean,
  allowVirtualEnvironment: boolean,
  checkIdPhotoQuality: boolean,
  calculator: oneOf(["off", "simple", "scientific"]),
  streamsPreset: oneOf(["default", "no_video", "no_ai_detection", "no_webcam"]),
  desktopAppAllowedProcesses: processList,
  desktopAppForbiddenProcesses: processList,
  sendManualWarningsToLearner: boolean,
  allowRoomScanAuxCamera: boolean,
  courseCode: text(Infinity),
};

function checkDateOrder(body: JsonObject, issues: Issues): void {
  if (typeof body.startDate !== "string" || typeof body.endDate !== "string") return;
  const start = parseOffsetDateTime(body.startDate);
  const end = parseOffsetDateTime(body.endDate);
  if (start !== undefined && end !== undefined && end < start) {
    issues.endDate = "must not be earlier than startDate";
  }
}

function normalizeScoreConfig(sent: JsonObject): { scoreConfig: ScoreConfig; scoreSpelling: ScoreSpelling } {
  const scoreConfig = {} as ScoreConfig;
  const scoreSpelling = {} as ScoreSpelling;
  const spellingsUsed = new Set<Spelling>();
  for (const field of SCORE_FIELDS) {
    scoreConfig[field.canonical] = field.defaultValue;
  }
  for (const [key, value] of Object.entries(sent)) {
    const known = scoreField(key);
    if (!known || typeof value !== "number") continue;
    scoreConfig[known.field.canonical] = value;
    scoreSpelling[known.field.canonical] = known.spelling;
    // `phone` reads the same in both styles, so it says nothing about the caller's style.
    if (known.field.camel !== known.field.canonical) spellingsUsed.add(known.spelling);
  }
  // Defaults the caller did not send follow its style; camelCase (the exam-creation page's) otherwise.
  const fallback: Spelling = spellingsUsed.has("snake") && !spellingsUsed.has("camel") ? "snake" : "camel";
  for (const field of SCORE_FIELDS) {
    scoreSpelling[field.canonical] ??= fallback;
  }
  return { scoreConfig, scoreSpelling };
}
