/** One exam in the JSON file the exams program (scripts/lib/programs/exams) declares: tests and benchmarks write it. */
export interface DeclaredExam {
  name: string;
  args: Record<string, unknown>;
  opts?: { ignoreChanges?: string[]; protect?: boolean };
  /** Top-level arguments the program passes as pulumi.secret. */
  secrets?: string[];
}
