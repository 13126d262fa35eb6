// The exam's field catalogue as the API reference (proctor-api.md §3–§5) describes it,
// written out here rather than imported from provider/ so that the emulator stays an
// independent oracle: a mistake in the provider's schema is not copied into its checks.

export type JsonObject = Record<string, unknown>;

export const REQUIRED_FIELDS = [
  "accountId",
  "accountName",
  "examId",
  "examName",
  "duration",
  "schedule",
  "proctoring",
  "startDate",
  "endDate",
] as const;

export const PROCTORING_MODES = ["online", "offline", "auto", "identification"] as const;
export const IDENTIFICATION_MODES = ["passport", "face", "face_and_passport", "skip"] as const;

/** §4: `rules` keys and the value a missing key takes. */
export const RULE_DEFAULTS: Readonly<Record<string, boolean | string>> = {
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
};

/** §4: the documented `visibleWarnings` keys; every one defaults to true. */
export const WARNING_KEYS = [
  "warning_extra_user_in_frame",
  "warning_substitution_user",
  "warning_no_user_in_frame",
  "warning_avert_eyes",
  "warning_change_active_window_on_computer",
  "warning_voice_detected",
  "warning_phone",
  "warning_forbidden_device",
] as const;

/**
 * Accepted but given no default: the vendor's own exam-creation example sends it, so
 * rejecting it would fail the documented body.
 */
export const LEGACY_WARNING_KEYS = ["warning_timeout"] as const;

export type ScoreKey =
  | "cheater_level"
  | "extra_user"
  | "user_replaced"
  | "absent_user"
  | "look_away"
  | "active_window_changed"
  | "forbidden_device"
  | "voice"
  | "phone";

export interface ScoreField {
  readonly canonical: ScoreKey;
  readonly camel: string;
  readonly defaultValue: number;
  /** `level` is the integer threshold 0–100; `weight` is a float 0–10. */
  readonly kind: "level" | "weight";
}

/** §5, in table order. `phone` is spelled the same way in both styles. */
export const SCORE_FIELDS: readonly ScoreField[] = [
  { canonical: "cheater_level", camel: "cheaterLevel", defaultValue: 80, kind: "level" },
  { canonical: "extra_user", camel: "extraUserInFrame", defaultValue: 1, kind: "weight" },
  { canonical: "user_replaced", camel: "substitutionUser", defaultValue: 1, kind: "weight" },
  { canonical: "absent_user", camel: "noUserInFrame", defaultValue: 2, kind: "weight" },
  { canonical: "look_away", camel: "avertEyes", defaultValue: 1.5, kind: "weight" },
  { canonical: "active_window_changed", camel: "changeActiveWindowOnComputer", defaultValue: 1, kind: "weight" },
  { canonical: "forbidden_device", camel: "forbiddenDevice", defaultValue: 1, kind: "weight" },
  { canonical: "voice", camel: "voiceDetected", defaultValue: 1, kind: "weight" },
  { canonical: "phone", camel: "phone", defaultValue: 1, kind: "weight" },
];

export type Spelling = "camel" | "snake";
export type ScoreConfig = Record<ScoreKey, number>;
export type ScoreSpelling = Record<ScoreKey, Spelling>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
