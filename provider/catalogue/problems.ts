/** Where something is written: a file (or "args.catalogue" for code) and the path of an entry in it. */
export interface Location {
  file: string;
  /** e.g. `accounts[0].courses[1].exams[2]`; empty for the top level. */
  path: string;
}

/** A place in a file, both counted from 1. */
export interface Position {
  line: number;
  col: number;
}

export interface CatalogueProblem {
  /** The file and entry at fault: where the bad value is written. */
  at: Location;
  /** The line and column of the bad value (or key) in a YAML file. */
  position?: Position;
  /** The key itself is at fault (unknown), not its value: its position is the key's. */
  onKey?: boolean;
  /** The exam the entry declares, when it is an exam. */
  examId?: string;
  /** The field within the entry, e.g. `startDate` or `rules.allow_to_use_papr`. */
  field?: string;
  reason: string;
  /** For a default written above the exams: how many exams inherit the bad value. */
  inheritedBy?: number;
}

/** `file:line:col path` when the line is known (compilers' way, which terminals and editors link), else `file path`. */
export function describeLocation(at: Location, position?: Position): string {
  const path = at.path === "" ? "(top level)" : at.path;
  return position === undefined ? `${at.file} ${path}` : `${at.file}:${position.line}:${position.col} ${path}`;
}

/** One line, `file:line:col: entry (examId): field: reason` as compilers write it; `file entry ...` without a line. */
export function describeProblem(problem: CatalogueProblem): string {
  const { at, position } = problem;
  const where = position === undefined ? describeLocation(at) : `${at.file}:${position.line}:${position.col}:${at.path === "" ? "" : ` ${at.path}`}`;
  const id = problem.examId === undefined ? "" : ` (examId ${JSON.stringify(problem.examId)})`;
  const field = problem.field === undefined ? "" : `${problem.field}: `;
  const inherited = problem.inheritedBy === undefined ? "" : ` [inherited by ${problem.inheritedBy} exam${problem.inheritedBy === 1 ? "" : "s"}]`;
  const separator = position !== undefined && at.path === "" && id === "" ? " " : ": ";
  return `${where}${id}${separator}${field}${problem.reason}${inherited}`;
}
