import { API_FIELDS, RULE_DEFAULTS, SCORE_DEFAULTS, VISIBLE_WARNING_DEFAULTS, sectionKeys, type ExamSpec } from "./schema";
import { isRecord } from "../record";

/** The documented defaults of the fields that have them: only the nested sections do. */
const SECTION_DEFAULTS: Partial<Record<string, Readonly<Record<string, unknown>>>> = {
  rules: RULE_DEFAULTS,
  visibleWarnings: VISIBLE_WARNING_DEFAULTS,
  scoreConfig: SCORE_DEFAULTS,
};

export interface RequestBody {
  /** The JSON body of the upsert. */
  body: Record<string, unknown>;
  /**
   * Dotted paths that were declared before, are not declared now, and have no
   * documented default to send: the server keeps whatever it last stored.
   */
  unresettable: string[];
}

function declared(section: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(section).filter(([, value]) => value !== undefined));
}

/**
 * The body of the upsert: exactly the API fields the program declares. Whether
 * the server keeps or resets a field the body leaves out is not documented, so
 * a field or section key that `previous` declared and `exam` no longer does is
 * sent with its documented default, so that removing it really resets it.
 */
export function requestBody(exam: ExamSpec, previous?: ExamSpec): RequestBody {
  const body: Record<string, unknown> = {};
  const unresettable: string[] = [];

  const withResets = (field: string, now: Record<string, unknown>, before: unknown, defaults: Readonly<Record<string, unknown>>) => {
    const section = declared(now);
    if (isRecord(before)) {
      for (const [key, value] of Object.entries(before)) {
        if (value === undefined || key in section) continue;
        if (key in defaults) section[key] = defaults[key];
        else unresettable.push(`${field}.${key}`);
      }
    }
    return Object.fromEntries(sectionKeys(field).filter((key) => key in section).map((key) => [key, section[key]]));
  };

  for (const field of API_FIELDS) {
    const now: unknown = exam[field];
    const before: unknown = previous?.[field];
    const defaults = SECTION_DEFAULTS[field];
    if (now !== undefined) {
      body[field] = defaults && isRecord(now) ? withResets(field, now, before, defaults) : now;
    } else if (before !== undefined) {
      const reset = defaults && isRecord(before) ? withResets(field, {}, before, defaults) : undefined;
      if (reset === undefined) unresettable.push(field);
      else if (Object.keys(reset).length > 0) body[field] = reset;
    }
  }
  return { body, unresettable };
}
