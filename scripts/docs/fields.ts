// The README's field reference, read off the exam schema itself. Types, enums,
// required fields and defaults come from zod's JSON Schema; limits live in
// refinements, which JSON Schema cannot show, so they are measured by asking
// validateExam about probe values. Either way the table states what the code
// enforces, not what someone remembered to write down.
import { z } from "zod";
import {
  RULE_DEFAULTS,
  SCORE_DEFAULTS,
  UNKNOWN,
  VISIBLE_WARNING_DEFAULTS,
  examSchema,
  validateExam,
} from "../../provider/exam/schema";
import { DOCUMENTED_EXAMPLE_ARGS } from "../lib/exams";
import { FIELD_NOTES } from "./notes";

export interface FieldDoc {
  /** `examName`, or `rules.allow_to_use_paper` for a key of a section. */
  name: string;
  type: string;
  limit: string;
  default: string;
  required: boolean;
  notes: string;
}

interface JsonSchema {
  type?: string | string[];
  enum?: string[];
  const?: unknown;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  items?: JsonSchema;
}

/** The documented server-side defaults of each section's keys. */
const SECTION_DEFAULTS: Record<string, Readonly<Record<string, unknown>>> = {
  rules: RULE_DEFAULTS,
  visibleWarnings: VISIBLE_WARNING_DEFAULTS,
  scoreConfig: SCORE_DEFAULTS,
};

/** The JSON Schema of a field without the "unknown during preview" branch every field has. */
function known(schema: JsonSchema): JsonSchema {
  const branches = (schema.anyOf ?? []).filter((b) => b.const !== UNKNOWN);
  return branches.length === 1 ? { ...branches[0], default: schema.default } : schema;
}

/** Whether validateExam accepts `value` at `path` of an otherwise valid exam. */
function accepts(path: readonly string[], value: unknown): boolean {
  const exam: Record<string, unknown> = structuredClone(DOCUMENTED_EXAMPLE_ARGS);
  let target = exam;
  for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
  target[path[path.length - 1]] = value;
  const result = validateExam(exam);
  const name = path.join(".");
  return result.ok || !result.failures.some((f) => f.property === name || f.property.startsWith(`${name}[`));
}

/** The largest n in [lo, hi] with ok(n), given ok(lo) and ok monotone decreasing; hi + 1 means "no bound seen". */
function largest(ok: (n: number) => boolean, lo: number, hi: number): number {
  if (ok(hi)) return hi + 1;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

const FAR = 1_000_000;

function stringLimit(path: readonly string[], make: (n: number) => string, shortest: number, emptyMatters = true): string {
  const max = largest((n) => accepts(path, make(n)), shortest, FAR);
  const nonEmpty = emptyMatters && !accepts(path, "");
  if (max > FAR) return nonEmpty ? "non-empty" : "–";
  return nonEmpty ? `1–${max} characters` : `≤ ${max} characters`;
}

/** The text rules beyond length, where a field has them: line breaks in free text, no whitespace around an id. */
function textRules(path: readonly string[]): string {
  const rules: string[] = [];
  if (accepts(path, "a\nb\tc")) rules.push(", line breaks and tabs allowed");
  if (accepts(path, "a b") && !accepts(path, " a")) rules.push(", no leading/trailing whitespace");
  return rules.join("");
}

/** A list's limits: how many entries, how long each. */
function listLimit(path: readonly string[]): string {
  const most = 100_000;
  const entries = largest((n) => accepts(path, Array<string>(n).fill("a")), 0, most);
  const length = largest((n) => accepts(path, ["a".repeat(n)]), 1, FAR);
  const count = entries > most ? "" : `≤ ${entries} entries`;
  const each = length > FAR ? "" : `${count === "" ? "entries of" : " of"} ≤ ${length} characters`;
  return count + each || "–";
}

function numberDoc(path: readonly string[]): { type: string; limit: string } {
  const integer = !accepts(path, 1.5) && accepts(path, 2);
  const anchor = [1, 0, 2, 10].find((n) => accepts(path, n)) ?? 1;
  const up = largest((k) => accepts(path, anchor + k), 0, FAR);
  const down = largest((k) => accepts(path, anchor - k), 0, FAR);
  const [min, max] = [anchor - down, anchor + up];
  if (up > FAR) return { type: integer ? "integer" : "number", limit: down > FAR ? "–" : `≥ ${min}` };
  return { type: integer ? "integer" : "number", limit: down > FAR ? `≤ ${max}` : `${min}–${max}` };
}

function stringDoc(path: readonly string[]): { type: string; limit: string } {
  if (accepts(path, "2018-03-28T00:00:00Z") && !accepts(path, "soon")) {
    const offset = !accepts(path, "2018-03-28T00:00:00");
    return { type: `date-time (ISO 8601${offset ? " with a UTC offset, e.g. `2027-03-27T09:00:00Z`" : ""})`, limit: "–" };
  }
  if (accepts(path, "https://example.org/") && !accepts(path, "example")) {
    const base = "https://example.org/";
    return { type: "http(s) URL", limit: stringLimit(path, (n) => base + "a".repeat(Math.max(0, n - base.length)), base.length, false) };
  }
  const pattern = accepts(path, "abc") && !accepts(path, "a b c") ? ": letters, digits, _ and -" : "";
  return { type: "string", limit: `${stringLimit(path, (n) => "a".repeat(n), 1)}${pattern}${textRules(path)}` };
}

function typeAndLimit(path: readonly string[], schema: JsonSchema): { type: string; limit: string } {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (schema.enum) return { type: `one of ${schema.enum.map((v) => `\`${v}\``).join(", ")}`, limit: "–" };
  if (types.includes("string") && types.includes("number")) {
    return { type: "string (a whole number is sent as a string)", limit: `${stringLimit(path, (n) => "a".repeat(n), 1)}${textRules(path)}` };
  }
  if (schema.type === "boolean") return { type: "boolean", limit: "–" };
  if (schema.type === "number" || schema.type === "integer") return numberDoc(path);
  if (schema.type === "string") return stringDoc(path);
  if (schema.type === "object") return { type: "object (keys below)", limit: "–" };
  if (schema.anyOf?.some((b) => b.type === "array") && schema.anyOf.some((b) => b.type === "null")) {
    return { type: "list of strings, or null", limit: listLimit(path) };
  }
  return { type: JSON.stringify(schema.type ?? "any"), limit: "–" };
}

function showDefault(value: unknown): string {
  return value === undefined ? "–" : `\`${JSON.stringify(value)}\``;
}

function note(name: string): string {
  const text = FIELD_NOTES[name];
  if (text === undefined) throw new Error(`scripts/docs/notes.ts has no note for ${name}`);
  return text;
}

/** Every field of an exam, then every key of each section, in schema order. */
export function fieldDocs(): FieldDoc[] {
  const root = z.toJSONSchema(examSchema(), { io: "input", unrepresentable: "any" }) as JsonSchema;
  const docs: FieldDoc[] = [];
  const sections: [string, JsonSchema][] = [];
  for (const [name, raw] of Object.entries(root.properties ?? {})) {
    const schema = known(raw);
    if (schema.type === "object") sections.push([name, schema]);
    docs.push({ name, ...typeAndLimit([name], schema), default: showDefault(schema.default), required: root.required?.includes(name) ?? false, notes: note(name) });
  }
  for (const [section, schema] of sections) {
    for (const [key, raw] of Object.entries(schema.properties ?? {})) {
      const name = `${section}.${key}`;
      docs.push({ name, ...typeAndLimit([section, key], known(raw)), default: showDefault(SECTION_DEFAULTS[section]?.[key]), required: false, notes: note(name) });
    }
  }
  return docs;
}

export function renderFieldTable(docs: readonly FieldDoc[] = fieldDocs()): string {
  const rows = docs.map((d) => `| \`${d.name}\` | ${d.type} | ${d.limit} | ${d.default} | ${d.required ? "yes" : ""} | ${d.notes} |`);
  return ["| Field | Type | Limit | Default | Required | Notes |", "|---|---|---|---|---|---|", ...rows].join("\n");
}
