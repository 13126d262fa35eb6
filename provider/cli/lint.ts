import { commandArgs, plural, usageError } from "./args";
import { processIo, type CliIo } from "./io";
import { lintStacks } from "./lint-stacks";
import { loadCatalogue } from "../catalogue/load";
import { describeProblem } from "../catalogue/problems";
import { CatalogueError, exitStatus } from "../errors";

const HELP = `usage: pulumi-proctor lint CATALOGUE.yaml [MORE.yaml ...]
       pulumi-proctor lint --stacks [--project DIR] CATALOGUE.yaml [MORE.yaml ...]

Checks catalogue files as \`new Catalogue\` does when a program runs (structure,
unknown keys, duplicate examIds across all the files given, every exam field),
without Pulumi and without sending anything. Prints one problem a line,
file:line:column: ..., and exits 1 on any; exits 0 with a one-line summary when clean.

--stacks        also check that the stacks of the Pulumi project partition the
                catalogue: read Pulumi.yaml (its proctor:shares: which shares
                each stack declares) and every stack file (Pulumi.<stack>.yaml);
                stacks that send to one integration must declare each exam
                exactly once between them, none forgotten. Exit 0 with one line
                per integration when they do, 1 with one problem a line, 2 when
                there is no project or stack file.
--project DIR   the Pulumi project's folder (default: the current one)
`;

/** `pulumi-proctor lint`: the program-time checks, for an editor, CI or a pre-commit hook. */
export async function main(args: string[], io: CliIo = processIo): Promise<number> {
  const parsed = commandArgs(io, "lint", HELP, args, { stacks: { type: "boolean" }, project: { type: "string" } });
  if (typeof parsed === "number") return parsed;
  const files = parsed.positionals;
  if (files.length === 0) return usageError(io, "lint", HELP, "no catalogue file given");
  if (parsed.values.project !== undefined && !parsed.values.stacks) return usageError(io, "lint", HELP, "--project is an option of --stacks");
  try {
    const exams = loadCatalogue({ files }, io.cwd);
    if (parsed.values.stacks) return lintStacks(io, files, exams, parsed.values.project ?? ".");
    const accounts = new Set(exams.map((exam) => String(exam.args.accountId))).size;
    io.stdout(`${files.join(", ")}: ${plural(exams.length, "exam")} in ${plural(accounts, "account")}, no problems\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof CatalogueError)) throw error;
    for (const problem of error.problems) io.stdout(`${describeProblem(problem)}\n`);
    io.stderr(`${plural(error.problems.length, "problem")}\n`);
    return exitStatus(error);
  }
}
