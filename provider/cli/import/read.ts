import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { isRecord } from "../../record";

/** One record of an export: where a user finds it, and its cells by column header. */
export interface Row {
  /** `row 7` as a spreadsheet shows it (blank lines are rows too, a cell's quoted line break is not) or `item [6]` of a JSON list. */
  ref: string;
  cells: Map<string, unknown>;
}

export interface Export {
  /** Column headers (CSV) or keys (JSON, nested objects as dotted keys) in first-seen order. */
  headers: string[];
  rows: Row[];
  /** What makes the file unreadable as an export; nothing else is checked then. */
  problems: string[];
}

/** A record as csv-parse gives it with `info`: `records` counts the header too; `empty_lines`, the blank lines skipped so far. */
interface CsvRecord {
  record: string[];
  info: { records: number; empty_lines: number };
}

/**
 * The row a spreadsheet shows a record on: each record is one row (a quoted
 * line break stays in its cell), and so is each blank line csv-parse skipped.
 */
function rowOf({ info }: CsvRecord): string {
  return `row ${info.records + info.empty_lines}`;
}

function readCsv(text: string): Export {
  let records: CsvRecord[];
  try {
    // Rows of the wrong length are reported below, all of them, rather than the parser stopping at the first.
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as CsvRecord[];
  } catch (error) {
    return { headers: [], rows: [], problems: [`not valid CSV: ${(error as Error).message}`] };
  }
  const [header, ...body] = records;
  if (header === undefined) return { headers: [], rows: [], problems: ["the file is empty: a header row and one row per exam were expected"] };
  const headers = header.record.map((h) => h.trim());
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const h of headers) {
    if (seen.has(h)) problems.push(`${rowOf(header)}: column "${h}" appears twice`);
    seen.add(h);
  }
  const rows = body.map((csvRecord) => {
    const { record } = csvRecord;
    const ref = rowOf(csvRecord);
    if (record.length !== headers.length) problems.push(`${ref}: has ${record.length} cells, the header ${headers.length}`);
    return { ref, cells: new Map(headers.map((h, i) => [h, record[i] ?? ""])) };
  });
  return { headers, rows, problems };
}

/** `{ rules: { allow_to_use_paper: true } }` as the cell `rules.allow_to_use_paper`, as a CSV export would write it. */
function flatten(object: Record<string, unknown>, prefix: string, cells: Map<string, unknown>): void {
  for (const [key, value] of Object.entries(object)) {
    if (isRecord(value)) flatten(value, `${prefix}${key}.`, cells);
    else cells.set(`${prefix}${key}`, value);
  }
}

function readJson(text: string): Export {
  let items: unknown;
  try {
    items = JSON.parse(text) as unknown;
  } catch (error) {
    return { headers: [], rows: [], problems: [`not valid JSON: ${(error as Error).message}`] };
  }
  if (!Array.isArray(items)) return { headers: [], rows: [], problems: ["a JSON export must be a list of objects, one per exam"] };
  const problems: string[] = [];
  const headers = new Set<string>();
  const rows = items.map((item, index) => {
    const ref = `item [${index}]`;
    const cells = new Map<string, unknown>();
    if (isRecord(item)) flatten(item, "", cells);
    else problems.push(`${ref}: must be an object of fields`);
    for (const key of cells.keys()) headers.add(key);
    return { ref, cells };
  });
  return { headers: [...headers], rows, problems };
}

/** Reads an LMS export: JSON for `.json`, CSV otherwise. */
export function readExport(file: string): Export {
  const text = readFileSync(file, "utf8");
  return file.toLowerCase().endsWith(".json") ? readJson(text) : readCsv(text);
}
