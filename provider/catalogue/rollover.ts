import { RolloverRefused } from "../errors";
import { deriveExamId, templateValues } from "./derive";
import { editCatalogue, type EntryPath } from "./edit";
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

  const levels = entries(document);
  for (const { path, node } of levels) {
    for (const field of ["startDate", "endDate"]) {
      if (typeof node[field] === "string") edit.set([...path, field], shiftDays(node[field], days));
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
    if (written && to !== exam.examId) edit.set([...entry.path, "examId"], to);
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
    if (options.idTemplate !== undefined) edit.setTop("examIdTemplate", options.idTemplate);
    edit.setTop("term", options.toTerm);
  }
  return { text: edit.text(), fromTerm, days, renamed };
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
