import { ProctorError } from "../errors";

/** Where something is written: a file (or "args.catalogue" for code) and the path of an entry in it. */
export interface Location {
  file: string;
  /** e.g. `accounts[0].courses[1].exams[2]`; empty for the top level. */
  path: string;
}

export interface CatalogueProblem {
  /** The file and entry at fault: where the bad value is written. */
  at: Location;
  /** The exam the entry declares, when it is an exam. */
  examId?: string;
  /** The field within the entry, e.g. `startDate` or `rules.allow_to_use_papr`. */
  field?: string;
  reason: string;
  /** For a default written above the exams: how many exams inherit the bad value. */
  inheritedBy?: number;
}

// Enough to fix a first round; the full list stays on the error's `problems`.
const MAX_LISTED = 50;

export function describeLocation(at: Location): string {
  return `${at.file} ${at.path === "" ? "(top level)" : at.path}`;
}

export function describeProblem(problem: CatalogueProblem): string {
  const id = problem.examId === undefined ? "" : ` (examId ${JSON.stringify(problem.examId)})`;
  const field = problem.field === undefined ? "" : `${problem.field}: `;
  const inherited = problem.inheritedBy === undefined ? "" : ` [inherited by ${problem.inheritedBy} exam${problem.inheritedBy === 1 ? "" : "s"}]`;
  return `${describeLocation(problem.at)}${id}: ${field}${problem.reason}${inherited}`;
}

/**
 * Every problem of a catalogue, found before any resource is registered; the
 * list is the whole story, a stack trace of this package would only hide it.
 */
export class CatalogueError extends ProctorError {
  constructor(readonly problems: readonly CatalogueProblem[]) {
    const listed = problems.slice(0, MAX_LISTED).map((p) => `  - ${describeProblem(p)}`);
    if (problems.length > MAX_LISTED) listed.push(`  ... and ${problems.length - MAX_LISTED} more`);
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super("PROCTOR_CATALOGUE", `the exam catalogue has ${count}; no exam was declared and nothing was sent to Proctor:\n${listed.join("\n")}`);
  }
}
