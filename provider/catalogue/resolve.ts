import type { ZodType } from "zod";
import { documentProblem } from "./bounds";
import { CatalogueError } from "../errors";
import { describeLocation, type CatalogueProblem, type Location } from "./problems";
import type { CatalogueSource } from "./file";
import { LEVEL_CHILDREN, levelSchema, levelSettings, type LevelKind } from "./format";
import { mergeLevels, originOf, type Level, type MergedExam } from "./merge";
import { readPresets, unknownPresetReason, type Presets } from "./presets";
import { deriveExamId } from "./derive";
import { didYouMean } from "../nearest";
import { examSchema, idText, validateExam, type ExamInput } from "../exam/schema";
import { isRecord } from "../record";
import { show } from "../show";

/** One exam of a catalogue, its levels merged and validated. */
export interface CatalogueExam {
  examId: string;
  /** The arguments of its Exam resource, as the levels declare them (not yet normalized). */
  args: ExamInput;
  /** Where the exam's own entry is written. */
  source: Location;
  /** The share it is in (`share:` at its nearest level that says one); stacks declare shares (see ./share.ts). */
  share?: string;
}

let fieldKeys: readonly string[] | undefined;

/** Every exam argument the schema knows, resource options included. */
function examFieldKeys(): readonly string[] {
  return (fieldKeys ??= Object.keys(examSchema().shape));
}

/** What one document (file or code) declares for all of its exams. */
export interface DocumentSettings {
  presets: Presets;
  term?: string;
  examIdTemplate?: string;
  /** The term or template is written but wrong: that error is the one to fix before any id can be derived. */
  templateFailed?: boolean;
}

interface ExamEntry {
  /** Its chain of levels from the widest to the exam itself; a preset is a level just above the level naming it. */
  levels: Level[];
  kind?: string;
  /** Its kind is written but wrong. */
  kindFailed: boolean;
  document: DocumentSettings;
}

interface Walk {
  problems: CatalogueProblem[];
  exams: ExamEntry[];
}

function childPath(parent: string, key: string, index: number): string {
  return `${parent === "" || key === "" ? parent : `${parent}.`}${key}[${index}]`;
}

/** Levels where a list or setting key belongs, for a key written at the wrong level. */
function levelsHolding(key: string): LevelKind[] {
  return (Object.keys(LEVEL_CHILDREN) as LevelKind[]).filter((kind) => LEVEL_CHILDREN[kind][key] !== undefined || levelSettings(kind).includes(key));
}

function unknownKeyReason(key: string, kind: LevelKind | "preset"): string {
  const own = kind === "preset" ? [] : [...Object.keys(LEVEL_CHILDREN[kind]), ...levelSettings(kind)];
  const suggestion = didYouMean(key, [...examFieldKeys(), ...own]);
  if (suggestion !== undefined) return suggestion;
  const holders = levelsHolding(key);
  if (holders.length > 0) return `unknown key in ${article(kind)}; "${key}" belongs in ${holders.map(article).join(" or ")}`;
  return `unknown key; ${article(kind)} takes exam fields${own.length > 0 ? ` and ${own.join(", ")}` : ""}`;
}

function article(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind}`;
}

/** A level's own settings (preset, kind, term, examIdTemplate), each checked by the level's schema; a wrong one is left out. */
function readSettings(node: Record<string, unknown>, kind: LevelKind, at: Location, exam: { examId?: string }, walk: Walk): Partial<Record<string, string>> {
  const settings: Partial<Record<string, string>> = {};
  const shape: Record<string, ZodType> = levelSchema(kind).shape;
  for (const key of levelSettings(kind)) {
    // Presets are read entry by entry, so each of their problems is reported at its own key.
    if (key === "presets" || node[key] === undefined) continue;
    const parsed = shape[key].safeParse(node[key]);
    if (parsed.success) settings[key] = parsed.data as string;
    else walk.problems.push({ at, ...exam, field: key, reason: parsed.error.issues[0].message });
  }
  return settings;
}

function walkLevel(node: unknown, kind: LevelKind, at: Location, chain: readonly Level[], walk: Walk, document: DocumentSettings): void {
  if (!isRecord(node)) {
    walk.problems.push({ at, reason: `${article(kind)} must be a mapping of exam fields (got ${show(node, "a mapping")})` });
    return;
  }
  const known = new Set(examFieldKeys());
  const lists = LEVEL_CHILDREN[kind];
  const examId = kind === "exam" ? idText(node.examId) : undefined;
  // Which exam a problem is about, when the entry is one.
  const exam = examId === undefined ? {} : { examId };
  const settings = readSettings(node, kind, at, exam, walk);
  if (kind === "catalogue") {
    const presets = readPresets(node.presets, at, known, (key) => unknownKeyReason(key, "preset"), walk.problems);
    const templateFailed = ["term", "examIdTemplate"].some((key) => node[key] !== undefined && settings[key] === undefined);
    document = { presets, term: settings.term, examIdTemplate: settings.examIdTemplate, templateFailed };
  }
  const ownSettings = new Set(levelSettings(kind));
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    // In code, `{ trial: undefined }` means "not set here", not "unset what a wider level set".
    if (value === undefined) continue;
    if (known.has(key)) fields[key] = value;
    else if (lists[key] === undefined && !ownSettings.has(key)) {
      walk.problems.push({ at, ...exam, field: key, onKey: true, reason: unknownKeyReason(key, kind) });
    }
  }
  const here = [...chain];
  if (settings.preset !== undefined) {
    const preset = document.presets.get(settings.preset);
    if (preset !== undefined) here.push(preset);
    else walk.problems.push({ at, ...exam, field: "preset", reason: unknownPresetReason(settings.preset, document.presets) });
  }
  here.push({ at, fields, ...(settings.share !== undefined && { share: settings.share }) });
  if (kind === "exam") walk.exams.push({ levels: here, kind: settings.kind, kindFailed: node.kind !== undefined && settings.kind === undefined, document });
  for (const [key, childKind] of Object.entries(lists)) {
    if (node[key] !== undefined) walkList(node[key], key, childKind!, at, here, walk, document);
  }
}

function walkList(list: unknown, key: string, kind: LevelKind, parent: Location, chain: readonly Level[], walk: Walk, document: DocumentSettings): void {
  if (!Array.isArray(list)) {
    walk.problems.push({ at: parent, field: key, reason: `must be a list of ${kind} entries (got ${show(list, "a mapping")})` });
    return;
  }
  list.forEach((item, index) => walkLevel(item, kind, { file: parent.file, path: childPath(parent.path, key, index) }, chain, walk, document));
}

/** Compares entry paths as a reader of the file meets them: `exams[2]` before `exams[10]`, a level before its children. */
function comparePaths(a: string, b: string): number {
  const tokens = (p: string) => p.match(/[^.[\]]+/g) ?? [];
  const [ta, tb] = [tokens(a), tokens(b)];
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    if (ta[i] === tb[i]) continue;
    const [na, nb] = [Number(ta[i]), Number(tb[i])];
    return Number.isInteger(na) && Number.isInteger(nb) ? na - nb : ta[i] < tb[i] ? -1 : 1;
  }
  return ta.length - tb.length;
}

/** Problems grouped by file (in the order files were read) and in document order within each; stable otherwise. */
function inFileOrder(problems: readonly CatalogueProblem[]): CatalogueProblem[] {
  const files = [...new Set(problems.map((p) => p.at.file))];
  return [...problems].sort((a, b) => files.indexOf(a.at.file) - files.indexOf(b.at.file) || comparePaths(a.at.path, b.at.path));
}

/**
 * Checks one merged exam. A bad value written at a level above the exam is
 * reported once, at that level, with the number of exams that inherit it:
 * the fix is one line there, not one per exam.
 */
function checkExam(merged: MergedExam, at: Location, examId: string | undefined, problems: CatalogueProblem[], inherited: Map<string, CatalogueProblem>): boolean {
  const result = validateExam(merged.args);
  if (result.ok) return true;
  for (const failure of result.failures) {
    const origin = originOf(merged, failure.property) ?? at;
    const onKey = failure.unknownKey ? { onKey: true } : {};
    if (origin === at) {
      problems.push({ at, ...(examId === undefined ? {} : { examId }), field: failure.property, ...onKey, reason: failure.reason });
      continue;
    }
    const key = JSON.stringify([origin.file, origin.path, failure.property, failure.reason]);
    const seen = inherited.get(key);
    if (seen) seen.inheritedBy = (seen.inheritedBy ?? 0) + 1;
    else {
      const problem: CatalogueProblem = { at: origin, field: failure.property, ...onKey, reason: failure.reason, inheritedBy: 1 };
      inherited.set(key, problem);
      problems.push(problem);
    }
  }
  return false;
}

export interface ResolveOptions {
  /** The widest level, beneath every source: defaults given in code. */
  base?: Level;
  /** Problems found before resolving (unreadable files), reported with the rest. */
  problems?: readonly CatalogueProblem[];
}

/**
 * Merges and validates every exam of the sources. Throws one CatalogueError
 * listing every problem: structure, unknown keys, duplicate examIds and schema
 * errors alike.
 */
export function resolveCatalogue(sources: readonly CatalogueSource[], options: ResolveOptions = {}): CatalogueExam[] {
  const walk: Walk = { problems: [...(options.problems ?? [])], exams: [] };
  const chain: Level[] = [];
  // Files, code and defaults alike: walking an unbounded document is what would hang or overflow.
  const unbounded = (at: Location, document: unknown) => {
    const reason = documentProblem(document);
    if (reason !== undefined) walk.problems.push({ at, reason });
    return reason !== undefined;
  };
  const base = options.base !== undefined && !unbounded(options.base.at, options.base.fields) ? options.base : undefined;
  if (base !== undefined) {
    const at = base.at;
    const known = new Set(examFieldKeys());
    for (const key of Object.keys(base.fields)) {
      if (!known.has(key)) walk.problems.push({ at, field: key, reason: unknownKeyReason(key, "exam") });
    }
    chain.push({ at, fields: Object.fromEntries(Object.entries(base.fields).filter(([key, value]) => known.has(key) && value !== undefined)) });
  }
  for (const { file, document } of sources) {
    const top: Location = { file, path: "" };
    if (unbounded(top, document)) continue;
    const bare: DocumentSettings = { presets: new Map() };
    if (Array.isArray(document)) walkList(document, "", "exam", top, chain, walk, bare);
    else walkLevel(document, "catalogue", top, chain, walk, bare);
  }

  const locators = new Map(sources.flatMap(({ file, locate }) => (locate === undefined ? [] : [[file, locate] as const])));
  const positionOf = (at: Location, field?: string, onKey?: boolean) => locators.get(at.file)?.(at.path, field, onKey);
  const exams: CatalogueExam[] = [];
  const firstSeen = new Map<string, Location>();
  const inherited = new Map<string, CatalogueProblem>();
  for (const { levels, kind, kindFailed, document } of walk.exams) {
    const merged = mergeLevels(levels);
    const at = levels[levels.length - 1].at;
    let underived = merged.args.examId === undefined && (document.templateFailed === true || kindFailed);
    if (merged.args.examId === undefined && !underived && document.examIdTemplate !== undefined) {
      const derived = deriveExamId(document.examIdTemplate, merged.args, document.term, kind);
      if ("id" in derived) {
        merged.args.examId = derived.id;
        merged.origins.set("examId", at);
      } else {
        walk.problems.push({ at, field: "examId", reason: derived.problem });
        underived = true;
      }
    }
    const examId = idText(merged.args.examId);
    const first = examId === undefined ? undefined : firstSeen.get(examId);
    if (examId !== undefined && first !== undefined) {
      walk.problems.push({ at, examId, field: "examId", reason: `${JSON.stringify(examId)} is declared twice; the first is at ${describeLocation(first, positionOf(first))}` });
    } else if (examId !== undefined) {
      firstSeen.set(examId, at);
    }
    const found: CatalogueProblem[] = [];
    const valid = checkExam(merged, at, examId, found, inherited);
    // The schema's "examId: is required" would repeat why the template gave none.
    walk.problems.push(...found.filter((p) => !(underived && p.field === "examId")));
    const share = levels.findLast((level) => level.share !== undefined)?.share;
    if (valid && examId !== undefined) exams.push({ examId, args: merged.args as ExamInput, source: at, ...(share !== undefined && { share }) });
  }
  if (walk.problems.length === 0) return exams;
  for (const problem of walk.problems) problem.position ??= positionOf(problem.at, problem.field, problem.onKey);
  throw new CatalogueError(inFileOrder(walk.problems));
}
