import { isDeepStrictEqual } from "node:util";
import type { FlatExam } from "./lift";
import { MERGED_SECTIONS } from "../../catalogue/format";
import type { CatalogueExam } from "../../catalogue/resolve";
import { idText } from "../../exam/schema";
import { isRecord } from "../../record";
import { show } from "../../show";

/** One checked row of the export: where it is, and the fields it sets. */
export interface ImportedExam {
  /** `lms.csv row 7`, `lms.json item [6]`. */
  where: string;
  fields: FlatExam;
}

const SECTIONS: ReadonlySet<string> = new Set(MERGED_SECTIONS);

/** An exam's resolved arguments by field path, as a row sets them: `rules.allow_to_use_paper`. */
function fieldsOf(args: Record<string, unknown>): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const [key, value] of Object.entries(args)) {
    if (SECTIONS.has(key) && isRecord(value)) for (const [inner, v] of Object.entries(value)) fields.set(`${key}.${inner}`, v);
    else fields.set(key, value);
  }
  return fields;
}

/**
 * How the catalogue as written (`resolved`, read back with loadCatalogue)
 * differs from the export's rows, field by field: nothing, or each exam and
 * field that reads back otherwise. A count would miss a field set for every exam
 * (by a stray top-level key) or one lost in the lifting.
 */
export function readBackMismatches(rows: readonly ImportedExam[], resolved: readonly CatalogueExam[]): string[] {
  const written = new Map(resolved.map((exam) => [exam.examId, exam]));
  const problems: string[] = [];
  for (const { where, fields } of rows) {
    const examId = idText(fields.get("examId"))!;
    const exam = written.get(examId);
    written.delete(examId);
    const at = `${where} (examId ${JSON.stringify(examId)})`;
    if (exam === undefined) {
      problems.push(`${at}: the catalogue written holds no such exam`);
      continue;
    }
    const got = fieldsOf(exam.args);
    for (const path of new Set([...fields.keys(), ...got.keys()])) {
      const want = fields.get(path);
      if (!isDeepStrictEqual(got.get(path), want)) problems.push(`${at}: ${path} reads back as ${got.has(path) ? show(got.get(path)) : "not set"}, the export has ${fields.has(path) ? show(want) : "nothing"}`);
    }
  }
  for (const exam of written.values()) problems.push(`examId ${JSON.stringify(exam.examId)}: in the catalogue written, in no row of the export`);
  return problems;
}
