import { RolloverRefused } from "../errors";
import { deriveExamId, templateValues } from "./derive";
import { editCatalogue, type EntryPath } from "./edit";
import { parseCatalogueText } from "./file";
import { LEVEL_CHILDREN, type LevelKind } from "./format";
import { describeLocation, type Location } from "./problems";
import { renewTerm, type TermRule } from "./renew-term";
import type { CatalogueExam } from "./resolve";
import { fillTemplate } from "./template";
import { daysUntil, instantOf, shiftDays } from "../exam/dates";
import { isRecord } from "../record";

export interface RolloverOptions {
  toTerm: string;
  /** Whole calendar days, or the date (YYYY-MM-DD) the earliest window is to start on. */
  shift: { days: number } | { start: string };
  /** Replaces the catalogue's examIdTemplate, and makes every explicit examId from it. */
  idTemplate?: string;
}

export interface Renamed {
  from: string;
  to: string;
  at: Location;
  /** How `to` was made: the old term replaced or the new one appended (an explicit id), or by a template. */
  rule: TermRule | "examIdTemplate" | "--id-template";
}

export interface RolloverPlan {
  text: string;
  fromTerm?: string;
  days: number;
  /** Each exam of the source, in catalogue order, with its id in the new catalogue. */
  renamed: Renamed[];
}

interface Entry {
  kind: LevelKind | "preset";
  path: EntryPath;
  node: Record<string, unknown>;
}

/** The same text resolve.ts gives an entry's path: `accounts[0].courses[1]`, `[3]` in a bare list. */
function pathText(path: EntryPath): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? key : `.${key}`)).join("");
}

/** Every level of a plain document, presets included, where an exam field may be written. */
function entries(document: unknown): Entry[] {
  const found: Entry[] = [];
  const visit = (node: unknown, kind: LevelKind, path: EntryPath) => {
    if (!isRecord(node)) return;
    found.push({ kind, path, node });
    for (const [key, child] of Object.entries(LEVEL_CHILDREN[kind])) {
      const list = node[key];
      if (Array.isArray(list)) list.forEach((item, i) => visit(item, child!, [...path, key, i]));
    }
  };
  if (Array.isArray(document)) document.forEach((item, i) => visit(item, "exam", [i]));
  else visit(document, "catalogue", []);
  const presets = isRecord(document) ? document.presets : undefined;
  if (isRecord(presets)) {
    for (const [name, node] of Object.entries(presets)) if (isRecord(node)) found.push({ kind: "preset", path: ["presets", name], node });
  }
  return found;
}

/** Every leaf where `got` differs from `want`, with both values. */
function differences(want: unknown, got: unknown, path: EntryPath = []): { path: EntryPath; want: unknown; got: unknown }[] {
  const bothLists = Array.isArray(want) && Array.isArray(got);
  if (!bothLists && !(isRecord(want) && isRecord(got))) return want === got ? [] : [{ path, want, got }];
  const a = want as Record<string, unknown>;
  const b = got as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((key) => differences(a[key], b[key], [...path, bothLists ? Number(key) : key]));
}

/**
 * Why the written text would not read as the plan: a YAML alias shares its
 * value with an anchor, so a value changed at one changes at the other. The
 * same shift of the same date is one change (an alias of a date at a date, a
 * course list shared between accounts); a date's anchor aliased as a name, or
 * the term's aliased elsewhere, is not.
 */
function aliasReasons(file: string, source: string, text: string, expected: unknown): string[] {
  const found = differences(expected, editCatalogue(text, file).plain);
  if (found.length === 0) return [];
  const parsed = parseCatalogueText(source, file);
  const locate = Array.isArray(parsed) ? undefined : parsed.locate;
  return found.map(({ path, want, got }) => {
    const at = { file, path: pathText(path) };
    return `${describeLocation(at, locate?.(at.path))} would become ${JSON.stringify(got)} (was ${JSON.stringify(want)}): it shares a YAML anchor with a value rollover changes, and rollover changes only dates, examIds and the term; write the value out in place of the alias (*name) and run rollover again`;
  });
}

function describe(exam: { examId: string; at: Location }): string {
  return `${describeLocation(exam.at)} (examId ${JSON.stringify(exam.examId)})`;
}

function shiftOf(exams: readonly CatalogueExam[], shift: RolloverOptions["shift"]): number {
  if ("days" in shift) return shift.days;
  const starts = exams.map((e) => e.args.startDate).filter((d): d is string => instantOf(d) !== undefined);
  if (starts.length === 0) throw new RolloverRefused(["--start needs at least one exam with a startDate"]);
  const earliest = starts.reduce((a, b) => (instantOf(b)! < instantOf(a)! ? b : a));
  const days = daysUntil(earliest, shift.start);
  if (days === undefined) throw new RolloverRefused([`--start must be a date, YYYY-MM-DD (got ${JSON.stringify(shift.start)})`]);
  return days;
}

/**
 * Next term's catalogue from this term's: every startDate and endDate written
 * anywhere shifted by whole days in its own offset, the term replaced, and
 * examIds renewed. An explicit examId is made by `idTemplate` when one is
 * given; otherwise the old term in it, as whole tokens, is replaced by the new
 * one, or the new term is appended (`phy-final` → `phy-final-2027-autumn`;
 * see renewTerm). An exam without an
 * examId keeps getting it from the template, with the new term. Refused,
 * naming both exams, when a new id is one of the source's or two new ids meet.
 *
 * `exams` are the source's exams as loadCatalogue resolved them from `source`.
 */
export function planRollover(file: string, source: string, exams: readonly CatalogueExam[], options: RolloverOptions): RolloverPlan {
  const edit = editCatalogue(source, file);
  const document = edit.plain;
  const top = isRecord(document) ? document : {};
  const fromTerm = typeof top.term === "string" ? top.term : undefined;
  if (fromTerm === options.toTerm) throw new RolloverRefused([`the catalogue is already for term ${JSON.stringify(fromTerm)}`]);
  const template = options.idTemplate ?? (typeof top.examIdTemplate === "string" ? top.examIdTemplate : undefined);
  const days = shiftOf(exams, options.shift);

  // The plain values as planned, to check the text against: a YAML alias changes with its anchor.
  const expected: unknown = structuredClone(document);
  const set = (path: EntryPath, value: string) => {
    edit.set(path, value);
    let node = expected as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[path[path.length - 1]] = value;
  };

  const levels = entries(document);
  for (const { path, node } of levels) {
    for (const field of ["startDate", "endDate"]) {
      if (typeof node[field] === "string") set([...path, field], shiftDays(node[field], days));
    }
  }

  const reasons: string[] = [];
  const byPath = new Map(levels.filter((l) => l.kind === "exam").map((l) => [pathText(l.path), l]));
  const renamed: Renamed[] = [];
  for (const exam of exams) {
    const entry = byPath.get(exam.source.path)!;
    const kind = typeof entry.node.kind === "string" ? entry.node.kind : undefined;
    const written = entry.node.examId !== undefined;
    let to: string | undefined;
    let rule: Renamed["rule"] = options.idTemplate === undefined ? "examIdTemplate" : "--id-template";
    if (written && options.idTemplate === undefined) {
      ({ text: to, rule } = renewTerm(exam.examId, fromTerm, options.toTerm));
    } else if (template !== undefined) {
      const filled = written ? fillTemplate(template, templateValues(exam.args, options.toTerm, kind)) : deriveExamId(template, exam.args, options.toTerm, kind);
      if ("id" in filled) to = filled.id;
      else {
        reasons.push(`${describe({ examId: exam.examId, at: exam.source })}: ${"problem" in filled ? filled.problem : `--id-template has no value for ${filled.missing.map((p) => `{${p}}`).join(", ")}`}`);
        continue; // it has no new id to compare: "would become itself" would be a second, wrong, reason
      }
    }
    to ??= exam.examId;
    if (written && to !== exam.examId) set([...entry.path, "examId"], to);
    renamed.push({ from: exam.examId, to, at: exam.source, rule });
  }

  const sourceIds = new Map(exams.map((e) => [e.examId, e]));
  const newIds = new Map<string, Renamed>();
  for (const exam of renamed) {
    const old = sourceIds.get(exam.to);
    if (old !== undefined) {
      const why = old.source === exam.at ? "; its id does not change (give the examIdTemplate a {term}, or pass --id-template)" : "";
      reasons.push(`${describe({ examId: exam.from, at: exam.at })} would become ${JSON.stringify(exam.to)}, the examId of ${describe({ examId: old.examId, at: old.source })} in the source catalogue${why}`);
    }
    const twin = newIds.get(exam.to);
    if (twin !== undefined) reasons.push(`${describe({ examId: exam.from, at: exam.at })} and ${describe({ examId: twin.from, at: twin.at })} would both become ${JSON.stringify(exam.to)}`);
    else newIds.set(exam.to, exam);
  }
  if (reasons.length > 0) throw new RolloverRefused(reasons);

  if (isRecord(document)) {
    const setTop = (key: string, value: string) => {
      edit.setTop(key, value);
      (expected as Record<string, unknown>)[key] = value;
    };
    if (options.idTemplate !== undefined) setTop("examIdTemplate", options.idTemplate);
    setTop("term", options.toTerm);
  }
  const text = edit.text();
  const conflicts = aliasReasons(file, source, text, expected);
  if (conflicts.length > 0) throw new RolloverRefused(conflicts);
  return { text, fromTerm, days, renamed };
}

/**
 * What differs between the catalogue written and the plan, if anything: the
 * same exams in the same order, with the planned ids and every window shifted.
 * The last guard before the file replaces anything.
 */
export function rolloverMismatches(before: readonly CatalogueExam[], after: readonly CatalogueExam[], plan: RolloverPlan): string[] {
  if (before.length !== after.length) return [`${after.length} exams written, ${before.length} expected`];
  return before.flatMap((old, i) => {
    const now = after[i];
    const problems: string[] = [];
    if (now.examId !== plan.renamed[i].to) problems.push(`examId ${JSON.stringify(now.examId)} instead of ${JSON.stringify(plan.renamed[i].to)}`);
    for (const field of ["startDate", "endDate"] as const) {
      const was = old.args[field];
      if (typeof was === "string" && now.args[field] !== shiftDays(was, plan.days)) problems.push(`${field} ${String(now.args[field])} instead of ${shiftDays(was, plan.days)}`);
    }
    return problems.map((p) => `${describe({ examId: old.examId, at: old.source })}: ${p}`);
  });
}
