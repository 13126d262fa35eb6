import { existsSync, readFileSync } from "node:fs";
import { stringify } from "yaml";
import { commandArgs, plural, usageError } from "../args";
import { inCwd, processIo, type CliIo } from "../io";
import { writeAtomically } from "../write-atomic";
import { cellValue } from "./convert";
import { defaultField, examFields, fold, unknownFieldReason } from "./fields";
import { importHeader } from "./header";
import { liftedCatalogue } from "./lift";
import { readExport, type Row } from "./read";
import { readBackMismatches, type ImportedExam } from "./read-back";
import { loadCatalogue } from "../../catalogue/load";
import { exitStatus, InternalError } from "../../errors";
import { idText, validateExam } from "../../exam/schema";
import { nearest } from "../../nearest";
import type { CatalogueExam } from "../../catalogue/resolve";
import { isRecord } from "../../record";

const HELP = `usage: pulumi-proctor import EXPORT.csv|EXPORT.json --out CATALOGUE.yaml [--map COLUMN=FIELD ...] [--mapping MAPPING.json] [--force]

Turns an LMS export into a catalogue file: one exam per CSV row (the first row
names the columns) or per object of a JSON list. Columns map to exam fields by
name, in any spelling ("Exam ID", exam_id, examId), section keys with their
section (rules.allow_to_use_paper), and a few common names (Course, Start, End,
Title, Department). Values are converted to the field's type (numbers; true/false,
yes/no, 1/0; dates as ISO 8601; lists as "a.exe; b.exe"). Values every exam of an
account or course shares are written once, at that level.

Every row is checked with the exam schema first; any problem is reported (row,
column and field, all at once) and nothing is written.

  --out FILE         the catalogue to write; an existing file is kept unless --force
  --map COL=FIELD    read column COL as FIELD; COL= leaves the column out (repeatable)
  --mapping FILE     a JSON object of such pairs: {"Exam code": "examId", "Notes": null}
  --force            replace an existing --out file
`;

/** Which field each column fills; null leaves a column out. */
type Mapping = Map<string, string | null>;

interface Failure {
  /** Usage mistakes (exit 2) are reported apart from problems of the data (exit 1). */
  usage: string[];
  data: string[];
}

function mappingPairs(io: CliIo, flags: readonly string[], file: string | undefined, failure: Failure): [string, string | null][] {
  const pairs: [string, string | null][] = [];
  if (file !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(inCwd(io, file), "utf8")) as unknown;
    } catch (error) {
      failure.usage.push(`--mapping ${file}: ${(error as Error).message}`);
    }
    if (parsed !== undefined && !isRecord(parsed)) failure.usage.push(`--mapping ${file}: must be a JSON object of "column": "field" (or null)`);
    for (const [column, field] of Object.entries(isRecord(parsed) ? parsed : {})) {
      if (field === null || field === "" || typeof field === "string") pairs.push([column, field || null]);
      else failure.usage.push(`--mapping ${file}: "${column}" must map to a field name or null`);
    }
  }
  for (const flag of flags) {
    // Field names hold no "=", column headers may.
    const at = flag.lastIndexOf("=");
    if (at <= 0) failure.usage.push(`--map ${flag}: write COLUMN=FIELD, or COLUMN= to leave the column out`);
    else pairs.push([flag.slice(0, at), flag.slice(at + 1) || null]);
  }
  return pairs;
}

function buildMapping(headers: readonly string[], pairs: readonly [string, string | null][], failure: Failure): Mapping {
  const mapping: Mapping = new Map(headers.map((h) => [h, defaultField(h) ?? null]));
  const unmapped = new Set(headers.filter((h) => mapping.get(h) === null));
  for (const [column, field] of pairs) {
    if (!mapping.has(column)) {
      const suggestion = nearest(column, headers);
      failure.usage.push(`mapping names column "${column}", which the export does not have${suggestion === undefined ? "" : `; did you mean "${suggestion}"?`}`);
    } else if (field !== null && !examFields().has(field)) failure.usage.push(`mapping of column "${column}": ${unknownFieldReason(field)}`);
    else {
      mapping.set(column, field);
      unmapped.delete(column);
    }
  }
  for (const column of unmapped) {
    const guess = nearest(fold(column), [...examFields().keys()]);
    const hint = guess === undefined ? `--map "${column}=FIELD"` : `--map "${column}=${guess}"`;
    failure.usage.push(`column "${column}" matches no exam field: give ${hint}, or --map "${column}=" to leave it out`);
  }
  const byField = new Map<string, string>();
  for (const [column, field] of mapping) {
    if (field === null) continue;
    const other = byField.get(field);
    if (other !== undefined) failure.usage.push(`columns "${other}" and "${column}" both map to ${field}; leave one out with --map "${column}="`);
    byField.set(field, column);
  }
  return mapping;
}

/** A row's exam arguments, nested (`rules: {...}`), and its fields by path. */
function examOf(row: Row, mapping: Mapping): { args: Record<string, unknown>; flat: Map<string, unknown> } {
  const flat = new Map<string, unknown>();
  for (const [column, cell] of row.cells) {
    const field = mapping.get(column);
    if (field === null || field === undefined) continue;
    const value = cellValue(cell, examFields().get(field)!.kind);
    if (value !== undefined) flat.set(field, value);
  }
  const args: Record<string, unknown> = {};
  for (const [field, value] of flat) {
    const [head, key] = field.split(".", 2);
    if (key === undefined) args[head] = value;
    else ((args[head] ??= {}) as Record<string, unknown>)[key] = value;
  }
  return { args, flat };
}

/** Checks every row with the exam schema; the problems name the row, the column and the field. */
function checkedExams(file: string, rows: readonly Row[], mapping: Mapping, failure: Failure): ImportedExam[] {
  const columnOf = new Map([...mapping].flatMap(([column, field]) => (field === null ? [] : [[field, column] as const])));
  const firstRow = new Map<string, string>();
  const exams: ImportedExam[] = [];
  for (const row of rows) {
    const { args, flat } = examOf(row, mapping);
    const examId = idText(args.examId);
    const where = `${file} ${row.ref}${examId === undefined ? "" : ` (examId ${JSON.stringify(examId)})`}`;
    const at = (field: string) => {
      const column = columnOf.get(field);
      return column === undefined ? `${where}: ${field}` : `${where}, column "${column}" (${field})`;
    };
    if (examId !== undefined) {
      const first = firstRow.get(examId);
      if (first !== undefined) failure.data.push(`${at("examId")}: ${JSON.stringify(examId)} is also the examId of ${first}`);
      else firstRow.set(examId, row.ref);
    }
    const result = validateExam(args);
    if (!result.ok) {
      for (const { property, reason } of result.failures) {
        // `desktopAppAllowedProcesses[2]` is in that column; `rules.x` is a column of its own.
        const field = examFields().has(property) ? property : property.replace(/\[\d+\]$/, "");
        const missing = !columnOf.has(field) && reason === "is required" ? " (no column maps to it)" : "";
        failure.data.push(`${at(field)}: ${reason}${missing}`);
      }
    }
    exams.push({ where: `${file} ${row.ref}`, fields: flat });
  }
  return exams;
}

/**
 * YAML 1.1's rules quote more than the catalogue's (dates, yes/no): the file
 * then reads the same to any YAML tool, and the catalogue reader is unaffected.
 */
function render(source: string, out: string, exams: readonly ImportedExam[]): string {
  return `${importHeader(source, out, exams.length)}\n${stringify(liftedCatalogue(exams.map((exam) => exam.fields)), { lineWidth: 0, version: "1.1" })}`;
}

/** `pulumi-proctor import`: an LMS export (CSV or JSON) becomes a catalogue file, or nothing is written. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const parsed = commandArgs(io, "import", HELP, argv, {
    out: { type: "string" },
    map: { type: "string", multiple: true },
    mapping: { type: "string" },
    force: { type: "boolean" },
  });
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError(io, "import", HELP, `give one export file (got ${positionals.length})`);
  const out = values.out as string | undefined;
  if (out === undefined) return usageError(io, "import", HELP, "--out CATALOGUE.yaml is required");
  const source = positionals[0];
  if (!existsSync(inCwd(io, source))) return usageError(io, "import", HELP, `${source}: file not found`);
  if (existsSync(inCwd(io, out)) && values.force !== true) {
    io.stderr(`pulumi-proctor import: ${out} exists; it was left as it is (give --force to replace it)\n`);
    return 1;
  }

  const exported = readExport(inCwd(io, source));
  const failure: Failure = { usage: [], data: exported.problems.map((problem) => `${source} ${problem}`) };
  const mapping = buildMapping(exported.headers, mappingPairs(io, (values.map as string[] | undefined) ?? [], values.mapping as string | undefined, failure), failure);
  // A column mapped wrong would make every row wrong: rows are checked once the columns are right.
  const exams = failure.usage.length === 0 && failure.data.length === 0 ? checkedExams(source, exported.rows, mapping, failure) : [];
  const problems = [...failure.usage, ...failure.data];
  if (problems.length > 0) {
    io.stderr(`${problems.join("\n")}\n${plural(problems.length, "problem")}; ${out} was not written\n`);
    return failure.usage.length > 0 ? 2 : 1;
  }
  if (exams.length === 0) {
    io.stderr(`pulumi-proctor import: ${source} holds no exam; ${out} was not written\n`);
    return 1;
  }

  const text = render(source, inCwd(io, out), exams);
  let resolved: CatalogueExam[] = [];
  try {
    // What is written must load as these exams, field by field; a difference is our fault.
    writeAtomically(inCwd(io, out), text, (written) => {
      resolved = loadCatalogue({ files: written }, io.cwd);
      const mismatches = readBackMismatches(exams, resolved);
      // The catalogue written does not read back as the export: a fault of the import, never renamed into place.
      if (mismatches.length > 0) throw new InternalError(mismatches.join("\n"));
    });
  } catch (error) {
    if (!(error instanceof InternalError)) throw error;
    io.stderr(`${error.message}\npulumi-proctor import: the catalogue would not load as the export's rows (a fault of the import: please report it); ${out} was not written\n`);
    return exitStatus(error);
  }
  const accounts = new Set(resolved.map((exam) => String(exam.args.accountId))).size;
  io.stdout(`wrote ${out}: ${plural(resolved.length, "exam")} in ${plural(accounts, "account")} (${plural(text.split("\n").length - 1, "line")})\n`);
  return 0;
}
