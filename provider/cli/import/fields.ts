import { jsonSchemaOf, type JsonSchema } from "../../catalogue/json-schema";
import { MERGED_SECTIONS } from "../../catalogue/format";
import { DATE_TIME_PATTERN } from "../../exam/dates";
import { examSchema } from "../../exam/schema";
import { nearest } from "../../nearest";

/** How a cell's text becomes the field's value. */
export type CellKind = "boolean" | "number" | "date" | "list" | "text";

/** An exam field a column can fill: `duration`, or a section key as a dotted path, `rules.allow_to_use_paper`. */
export interface Field {
  path: string;
  kind: CellKind;
}

function kindOf(property: JsonSchema): CellKind {
  if (property.type === "boolean") return "boolean";
  if (property.type === "integer" || property.type === "number") return "number";
  if (property.pattern === DATE_TIME_PATTERN) return "date";
  if (Array.isArray(property.anyOf) && property.anyOf.some((option: JsonSchema) => option.type === "array")) return "list";
  return "text";
}

let fields: ReadonlyMap<string, Field> | undefined;

/** Every field of the exam schema a column may map to, read off the schema itself. */
export function examFields(): ReadonlyMap<string, Field> {
  if (fields !== undefined) return fields;
  const found = new Map<string, Field>();
  const sections: ReadonlySet<string> = new Set(MERGED_SECTIONS);
  const properties = jsonSchemaOf(examSchema()).properties as Record<string, JsonSchema>;
  for (const [name, property] of Object.entries(properties)) {
    if (!sections.has(name)) {
      found.set(name, { path: name, kind: kindOf(property) });
      continue;
    }
    for (const [key, sub] of Object.entries(property.properties as Record<string, JsonSchema>)) {
      found.set(`${name}.${key}`, { path: `${name}.${key}`, kind: kindOf(sub) });
    }
  }
  return (fields = found);
}

/** Header spellings compare by letters and digits alone, in any case: "Exam ID", exam_id and examId are one, "Duration (minutes)" is durationminutes. */
export function fold(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/** Common LMS column names that are not a field's own name. */
const ALIASES: Readonly<Record<string, string>> = {
  course: "courseName",
  coursetitle: "courseName",
  account: "accountName",
  department: "accountName",
  departmentid: "accountId",
  exam: "examName",
  title: "examName",
  examtitle: "examName",
  start: "startDate",
  starts: "startDate",
  opens: "startDate",
  end: "endDate",
  ends: "endDate",
  closes: "endDate",
  durationminutes: "duration",
  minutes: "duration",
};

/** The field a header names by default: its own name (any spelling), a section key with its section, or a common alias. */
export function defaultField(header: string): string | undefined {
  const folded = fold(header);
  for (const path of examFields().keys()) if (fold(path) === folded) return path;
  return ALIASES[folded];
}

/** The reason a mapping target is no field, with the nearest one. */
export function unknownFieldReason(target: string): string {
  const suggestion = nearest(target, [...examFields().keys()]);
  return `"${target}" is no exam field${suggestion === undefined ? "" : `; did you mean "${suggestion}"?`}`;
}
