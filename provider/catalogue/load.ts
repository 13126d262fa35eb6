import type * as Args from "./args";
import type { CatalogueSources } from "./args";
import type * as File from "./file";
import type { CatalogueProblem } from "./problems";
import type * as Resolve from "./resolve";
import type { CatalogueExam } from "./resolve";

export type { CatalogueSources };

function list<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/**
 * Reads, merges and checks a catalogue without declaring anything: the exams
 * a Catalogue would declare, or a CatalogueError listing every problem. Useful
 * in a CI lint step or an LMS sync that wants to fail before touching Pulumi.
 */
export function loadCatalogue(sources: CatalogueSources, cwd: string = process.cwd()): CatalogueExam[] {
  const { checkSources } = require("./args") as typeof Args;
  return readSources(checkSources(sources), cwd);
}

/** The exams of sources already checked (a Catalogue checks its arguments itself, with its own name). */
export function readSources(sources: CatalogueSources, cwd: string = process.cwd()): CatalogueExam[] {
  // Loaded here, not at import: a program that only declares Exams loads no YAML parser and no schema.
  const { readCatalogueFile } = require("./file") as typeof File;
  const { resolveCatalogue } = require("./resolve") as typeof Resolve;
  const unreadable: CatalogueProblem[] = [];
  const parsed: File.CatalogueSource[] = [];
  for (const file of list(sources.files)) {
    const read = readCatalogueFile(file, cwd);
    if (Array.isArray(read)) unreadable.push(...read);
    else parsed.push(read);
  }
  if (sources.catalogue !== undefined) parsed.push({ file: "args.catalogue", document: sources.catalogue });
  const base = sources.defaults === undefined ? undefined : { at: { file: "args.defaults", path: "" }, fields: { ...sources.defaults } };
  return resolveCatalogue(parsed, { base, problems: unreadable });
}

