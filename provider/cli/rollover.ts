import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { loadCatalogue } from "../catalogue/load";
import { describeProblem } from "../catalogue/problems";
import { renewTerm } from "../catalogue/renew-term";
import { planRollover, rolloverMismatches, type Renamed, type RolloverOptions } from "../catalogue/rollover";
import { CODE_PATTERN, templateProblem } from "../catalogue/template";
import { CatalogueError, exitStatus, RolloverRefused } from "../errors";
import { commandArgs, plural, usageError } from "./args";
import { inCwd, processIo, type CliIo } from "./io";
import { writeAtomically } from "./write-atomic";

const HELP = `usage: pulumi-proctor rollover CATALOGUE --to-term TERM (--shift-days N | --start YYYY-MM-DD) [--id-template T] [--out FILE] [--force]

Writes next term's catalogue from CATALOGUE (YAML or JSON), keeping its layout,
defaults, presets and comments; only dates, examIds and the term change:
  - every startDate and endDate moves by N whole days, in its own UTC offset
    (--start: by as many days as put the earliest startDate on that date);
  - term becomes TERM;
  - an exam without an examId gets it from the examIdTemplate with the new term;
    an explicit examId has the old term replaced by the new one where it stands
    as a whole token (between "-", "_", "." or the ends: phy-s1 -> phy-s2, but
    phys1-final -> phys1-final-s2), or the new term appended after the id's last
    separator ("-" if none); --id-template T makes every examId from T (and
    writes T as the catalogue's examIdTemplate).
  The summary names the rule each new examId came from.
Refused, writing nothing, when a new examId is one of the source's (Proctor would
overwrite last term's exam) or two new ones are the same; both exams are named.

Options:
  --to-term TERM      the new term: letters, digits, ".", "_", "-" (e.g. 2027-autumn)
  --shift-days N      whole days to move every window (back: --shift-days=-7)
  --start DATE        the date the earliest window starts on (YYYY-MM-DD)
  --id-template T     e.g. "{course}-{term}-{kind}"; placeholders {term} {course} {account} {kind}
  --out FILE          where to write; default: beside the source, named by the
                      same rule (catalogue.yaml ->
                      catalogue-2027-autumn.yaml); an existing file is kept unless --force
  --force             replace an existing output file (with --out naming the
                      source: replace last term's file)
  -h, --help          this help
`;

/** Beside the source, named as an examId is renewed: its old term replaced in the name, or the new term added before the extension. */
function defaultOut(source: string, fromTerm: string | undefined, toTerm: string): string {
  const extension = path.extname(source);
  const { text: name } = renewTerm(path.basename(source, extension), fromTerm, toTerm);
  return path.join(path.dirname(source), `${name}${extension}`);
}

/** Why an exam has its new id, for the summary: a reviewer sees which ids were rewritten in place. */
function ruleText({ rule }: Renamed, fromTerm: string | undefined): string {
  if (rule === "replaced") return `replaced ${JSON.stringify(fromTerm)}`;
  if (rule === "appended") return fromTerm === undefined ? "appended: the source has no term" : `appended: ${JSON.stringify(fromTerm)} is not a whole token of it`;
  return `from the ${rule}`;
}

function options(values: Record<string, string | boolean | undefined>): RolloverOptions | string {
  const { "to-term": toTerm, "shift-days": shiftDays, start, "id-template": idTemplate } = values as Record<string, string | undefined>;
  if (toTerm === undefined) return "--to-term is required";
  if (!CODE_PATTERN.test(toTerm)) return `--to-term must be 1 to 64 letters, digits, ".", "_" or "-" (got ${JSON.stringify(toTerm)})`;
  if ((shiftDays === undefined) === (start === undefined)) return "give exactly one of --shift-days and --start";
  if (shiftDays !== undefined && !/^-?\d{1,6}$/.test(shiftDays)) return `--shift-days must be a whole number of days (got ${JSON.stringify(shiftDays)})`;
  const problem = idTemplate === undefined ? undefined : templateProblem(idTemplate);
  if (problem !== undefined) return `--id-template ${problem}`;
  return {
    toTerm,
    shift: shiftDays !== undefined ? { days: Number(shiftDays) } : { start: start! },
    ...(idTemplate !== undefined && { idTemplate }),
  };
}

export async function main(args: string[], io: CliIo = processIo): Promise<number> {
  const parsed = commandArgs(io, "rollover", HELP, args, {
    "to-term": { type: "string" },
    "shift-days": { type: "string" },
    start: { type: "string" },
    "id-template": { type: "string" },
    out: { type: "string" },
    force: { type: "boolean" },
  });
  if (typeof parsed === "number") return parsed;
  if (parsed.positionals.length !== 1) return usageError(io, "rollover", HELP, "give one catalogue file");
  const chosen = options(parsed.values);
  if (typeof chosen === "string") return usageError(io, "rollover", HELP, chosen);
  const [source] = parsed.positionals;

  try {
    const exams = loadCatalogue({ files: source }, io.cwd);
    const plan = planRollover(source, readFileSync(inCwd(io, source), "utf8"), exams, chosen);
    const out = parsed.values.out ?? defaultOut(source, plan.fromTerm, chosen.toTerm);
    if (existsSync(inCwd(io, out)) && parsed.values.force !== true) {
      io.stderr(`pulumi-proctor rollover: ${out} exists; it was left as it is and nothing was written (give --force to replace it)\n`);
      return 1;
    }
    writeAtomically(inCwd(io, out), plan.text, (written) => {
      const mismatches = rolloverMismatches(exams, loadCatalogue({ files: written }, io.cwd), plan);
      if (mismatches.length > 0) throw new RolloverRefused(mismatches.map((m) => `the new catalogue would differ from the plan: ${m}`));
    });
    const sign = plan.days >= 0 ? "+" : "";
    io.stdout(
      `wrote ${out}: ${plural(plan.renamed.length, "exam")} for term ${chosen.toTerm}` +
        `${plan.fromTerm === undefined ? "" : ` (from ${plan.fromTerm})`}, windows moved ${sign}${plan.days} days\n` +
        plan.renamed.map((r) => `  ${r.from} -> ${r.to} (${ruleText(r, plan.fromTerm)})\n`).join(""),
    );
    return 0;
  } catch (error) {
    if (error instanceof CatalogueError) {
      // Said as lint says it: the program's wording ("no exam was declared") is not this command's.
      for (const problem of error.problems) io.stderr(`${describeProblem(problem)}\n`);
      io.stderr(`pulumi-proctor rollover: ${source} has ${plural(error.problems.length, "problem")}; nothing was written\n`);
      return exitStatus(error);
    }
    if (!(error instanceof RolloverRefused)) throw error;
    io.stderr(`pulumi-proctor rollover: ${source}: ${error.message}\n`);
    return exitStatus(error);
  }
}
