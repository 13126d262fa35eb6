// The field reference of docs/exams.md, read off the exam schema itself: zod's JSON Schema
// gives types, enums, required fields and defaults, and each field's `.meta()`
// (provider/exam/schema.ts) gives its description and its limits, set by the same
// values its checks enforce. Nothing here is written down twice.
import { z } from "zod";
import { DATE_TIME_PATTERN } from "../../provider/exam/dates";
import { UNKNOWN, examSchema } from "../../provider/exam/schema";

export interface FieldDoc {
  /** `examName`, or `rules.allow_to_use_paper` for a key of a section. */
  name: string;
  type: string;
  limit: string;
  default: string;
  required: boolean;
  notes: string;
}

/** The parts of JSON Schema the exam schema uses, with the metadata keys of provider/exam/schema.ts. */
export interface JsonSchema {
  type?: string | string[];
  enum?: string[];
  const?: unknown;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  items?: JsonSchema;
  description?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  /** Text rules JSON Schema has no keyword for (provider/exam/text.ts, textMeta). */
  multiline?: boolean;
  identity?: boolean;
  displayName?: boolean;
  /** The characters a `pattern` allows, in words. */
  characters?: string;
  /** A URL's allowed schemes. */
  protocols?: string[];
}

/**
 * A value of any field may be the engine's "unknown during preview" sentinel, so
 * each is a union with it; a user never writes it. This drops that branch at every
 * depth, keeping what sits on the union itself (a default).
 */
function withoutUnknown(schema: JsonSchema): JsonSchema {
  let result: JsonSchema = schema;
  const branches = schema.anyOf?.filter((branch) => branch.const !== UNKNOWN);
  if (branches !== undefined && branches.length === 1 && branches.length < schema.anyOf!.length) {
    const { anyOf: _, ...outer } = schema;
    result = { ...branches[0], ...outer };
  }
  const mapped: JsonSchema = { ...result };
  if (result.anyOf) mapped.anyOf = result.anyOf.map(withoutUnknown);
  if (result.items) mapped.items = withoutUnknown(result.items);
  if (result.properties) {
    mapped.properties = Object.fromEntries(Object.entries(result.properties).map(([key, value]) => [key, withoutUnknown(value)]));
  }
  return mapped;
}

/** The JSON Schema of an exam's arguments as a program writes them (for the README, and editors). */
export function examJsonSchema(): JsonSchema {
  return withoutUnknown(z.toJSONSchema(examSchema(), { io: "input", unrepresentable: "any" }) as JsonSchema);
}

function textLimit(schema: JsonSchema): string {
  const { minLength, maxLength } = schema;
  let limit = "–";
  if (maxLength !== undefined) limit = minLength === 1 ? `1–${maxLength} characters` : `≤ ${maxLength} characters`;
  else if (minLength === 1) limit = "non-empty";
  if (schema.characters !== undefined) limit += `: ${schema.characters}`;
  if (schema.multiline) limit += ", line breaks and tabs allowed";
  if (schema.identity) limit += ", no leading/trailing whitespace, no invisible characters, no look-alikes of `-` or the space";
  if (schema.displayName) limit += ", no bidirectional controls";
  return limit;
}

function numberLimit({ minimum, maximum }: JsonSchema): string {
  if (minimum !== undefined && maximum !== undefined) return `${minimum}–${maximum}`;
  if (minimum !== undefined) return `≥ ${minimum}`;
  return maximum === undefined ? "–" : `≤ ${maximum}`;
}

/** A list's limits: how many entries, how long each. */
function listLimit(list: JsonSchema): string {
  const count = list.maxItems === undefined ? "" : `≤ ${list.maxItems} entries`;
  const length = list.items?.maxLength;
  const each = length === undefined ? "" : `${count === "" ? "entries of" : " of"} ≤ ${length} characters`;
  return count + each || "–";
}

const DATE_TIME = "date-time (ISO 8601 with a UTC offset, e.g. `2027-03-27T09:00:00Z`)";

function typeAndLimit(schema: JsonSchema): { type: string; limit: string } {
  const types = [schema.type ?? []].flat();
  if (schema.enum) return { type: `one of ${schema.enum.map((v) => `\`${v}\``).join(", ")}`, limit: "–" };
  if (types.includes("string") && types.includes("number")) {
    return { type: "string (a whole number is sent as a string)", limit: textLimit(schema) };
  }
  if (schema.type === "boolean") return { type: "boolean", limit: "–" };
  if (schema.type === "number" || schema.type === "integer") return { type: schema.type, limit: numberLimit(schema) };
  if (schema.type === "string" && schema.pattern === DATE_TIME_PATTERN) return { type: DATE_TIME, limit: "–" };
  if (schema.type === "string" && schema.protocols) {
    const type = schema.protocols.join() === "http,https" ? "http(s) URL" : `${schema.protocols.join(" or ")} URL`;
    return { type, limit: textLimit(schema) };
  }
  if (schema.type === "string") return { type: "string", limit: textLimit(schema) };
  if (schema.type === "object") return { type: "object (keys below)", limit: "–" };
  const list = schema.anyOf?.find((b) => b.type === "array");
  if (list && schema.anyOf?.some((b) => b.type === "null")) return { type: "list of strings, or null", limit: listLimit(list) };
  return { type: JSON.stringify(schema.type ?? "any"), limit: "–" };
}

function showDefault(value: unknown): string {
  return value === undefined ? "–" : `\`${JSON.stringify(value)}\``;
}

function fieldDoc(name: string, schema: JsonSchema, required: boolean): FieldDoc {
  return { name, ...typeAndLimit(schema), default: showDefault(schema.default), required, notes: schema.description ?? "" };
}

/** Every field of an exam, then every key of each section, in schema order. */
export function fieldDocs(): FieldDoc[] {
  const root = examJsonSchema();
  const fields = Object.entries(root.properties ?? {});
  // A top-level field without a description is a field nobody explained: fail here and in the README test.
  const unexplained = fields.filter(([, schema]) => !schema.description).map(([name]) => name);
  if (unexplained.length > 0) throw new Error(`provider/exam/schema.ts: no .meta({ description }) for ${unexplained.join(", ")}`);
  const sections = fields.filter(([, schema]) => schema.type === "object");
  return [
    ...fields.map(([name, schema]) => fieldDoc(name, schema, root.required?.includes(name) ?? false)),
    ...sections.flatMap(([section, schema]) =>
      Object.entries(schema.properties ?? {}).map(([key, value]) => fieldDoc(`${section}.${key}`, value, false)),
    ),
  ];
}

export function renderFieldTable(docs: readonly FieldDoc[] = fieldDocs()): string {
  const rows = docs.map((d) => `| \`${d.name}\` | ${d.type} | ${d.limit} | ${d.default} | ${d.required ? "yes" : ""} | ${d.notes} |`);
  return ["| Field | Type | Limit | Default | Required | Notes |", "|---|---|---|---|---|---|", ...rows].join("\n");
}
