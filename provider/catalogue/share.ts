import { z } from "zod";
import { nearest } from "../nearest";
import { show } from "../show";
import type { CatalogueProblem } from "./problems";
import type { CatalogueExam } from "./resolve";
import { CODE_PATTERN } from "./template";

/**
 * Stacks side by side: a catalogue too big for one stack (one lock, one state
 * file, one process) is cut into shares. A level of the catalogue names the
 * share its exams are in (`share: sciences` at an account or course, the
 * nearest level winning), and the project's config maps each stack to the
 * shares it declares, `proctor:shares: { sciences: [sciences], staging: "*" }`.
 * The labels live in the catalogue so that each exam is in exactly one share by
 * construction and moving a course is one line. The map is one value for every
 * stack, kept in Pulumi.yaml, because Pulumi hands the whole stack config to
 * the dynamic provider: stacks whose config differs get providers that
 * `pulumi state move` refuses to merge, and a course could not move between
 * them. `pulumi-proctor lint --stacks` reads it from the files.
 */
export const SHARES_KEY = "proctor:shares";

/** A stack's entry that declares the whole catalogue. */
export const WHOLE = "*";

const NAME_RULE = '1 to 64 letters, digits, ".", "_" or "-"';

function buildSharesSchema() {
  const name = z.string().regex(CODE_PATTERN, { error: (issue) => `must be a share name, ${NAME_RULE} (got ${show(issue.input)})` });
  const names = z
    .array(name)
    .min(1, { error: `lists no share: name the shares the stack declares, or write "${WHOLE}" for the whole catalogue` })
    .superRefine((list, context) => {
      const twice = [...new Set(list.filter((one, i) => list.indexOf(one) !== i))];
      if (twice.length === 0) return;
      const listed = twice.map((one) => JSON.stringify(one)).join(", ");
      context.addIssue({ code: "custom", input: list, message: `lists ${twice.length === 1 ? "share" : "shares"} ${listed} more than once: write each share once` });
    });
  const entry = z.union([z.literal(WHOLE), name.transform((one) => [one]), names], {
    error: (issue) => `must be a share name, a list of share names (each ${NAME_RULE}, none twice) or "${WHOLE}" for the whole catalogue (got ${show(issue.input, "a mapping")})`,
  });
  return z.record(z.string(), entry, {
    error: (issue) => `must be a mapping of stack names to the shares each declares (got ${show(issue.input, "a mapping")})`,
  });
}

let compiled: ReturnType<typeof buildSharesSchema> | undefined;

/** What one stack declares: the shares its entry lists, or the whole catalogue. */
export type StackShare = z.output<ReturnType<typeof buildSharesSchema>>[string];

/** A problem with the map, at `proctor:shares` or one stack's entry, `proctor:shares.<stack>`. */
export interface SharesProblem {
  path: string;
  reason: string;
}

/**
 * `proctor:shares` as config holds it: YAML in a project or stack file, or the
 * JSON text of it that a program reads.
 */
export function parseShares(value: unknown): { shares: Record<string, StackShare> } | { problems: SharesProblem[] } {
  let given = value;
  if (typeof value === "string") {
    try {
      given = JSON.parse(value);
    } catch {
      // Plain text: the schema says it is not a mapping.
    }
  }
  const parsed = (compiled ??= buildSharesSchema()).safeParse(given);
  if (parsed.success) return { shares: parsed.data };
  const problems = parsed.error.issues.map((issue) => ({ path: [SHARES_KEY, ...issue.path.map(String)].join("."), reason: issue.message }));
  return { problems };
}

/** Why a stack has no entry in a map that has entries: an unlisted stack would declare the whole catalogue unnoticed. */
export function unlistedReason(stack: string, shares: Record<string, StackShare>): string {
  const stacks = Object.keys(shares).sort();
  const suggestion = nearest(stack, stacks);
  const hint = suggestion === undefined ? "" : `did you mean ${JSON.stringify(suggestion)}? `;
  return `has no entry for stack ${JSON.stringify(stack)}; ${hint}(its stacks: ${stacks.join(", ")}): add \`${stack}: <share>\`, or \`${stack}: "${WHOLE}"\` for the whole catalogue`;
}

export interface ShareSelection {
  /** The exams of the stack's shares: what it declares. */
  declared: CatalogueExam[];
  /** Exams that name no share: no stack with a share declares them. */
  unlabelled: CatalogueExam[];
  /** Names the stack declares that no exam of the catalogue is in, each with the nearest name that is. */
  unknown: { name: string; suggestion?: string }[];
}

/** What a stack with this share declares of a catalogue, and what keeps it from being a clean cut. */
export function selectShare(exams: readonly CatalogueExam[], share: readonly string[]): ShareSelection {
  const wanted = new Set(share);
  const present = sharesOf(exams);
  return {
    declared: exams.filter((exam) => exam.share !== undefined && wanted.has(exam.share)),
    unlabelled: exams.filter((exam) => exam.share === undefined),
    unknown: share.filter((name) => !present.includes(name)).map((name) => ({ name, suggestion: nearest(name, present) })),
  };
}

/** The shares a catalogue's exams are in, sorted. */
export function sharesOf(exams: readonly CatalogueExam[]): string[] {
  return [...new Set(exams.flatMap((exam) => (exam.share === undefined ? [] : [exam.share])))].sort();
}

/** The shares a catalogue's exams are in, as a reason's tail: `(its shares: arts, science)`. */
function sharesPresent(exams: readonly CatalogueExam[]): string {
  const present = sharesOf(exams);
  return present.length === 0 ? "(no level of it names a share)" : `(its shares: ${present.join(", ")})`;
}

/** Why a stack's share name matches no exam. */
export function unknownShareReason(unknown: ShareSelection["unknown"][number], exams: readonly CatalogueExam[]): string {
  const hint = unknown.suggestion === undefined ? "" : `; did you mean ${JSON.stringify(unknown.suggestion)}?`;
  return `share ${JSON.stringify(unknown.name)} is the share of no exam of the catalogue${hint} ${sharesPresent(exams)}`;
}

/** Why an exam without a share stops a stack that declares shares. */
export function unlabelledReason(share: readonly string[], entry: string): string {
  const names = share.map((name) => JSON.stringify(name)).join(", ");
  return `is in no share, and this stack declares only ${share.length === 1 ? "share" : "shares"} ${names} (${entry}): write \`share:\` on the exam, its course, its account or the catalogue's top level, so that one stack declares it`;
}

/**
 * A program's view: every reason its stack cannot tell which exams it declares
 * (an exam in no share, a share of no exam), at the stack's `entry` in the map. Either
 * mistake would drop exams from the stack, and a dropped exam whose
 * deletionPolicy is "close" is closed.
 */
export function shareProblems(exams: readonly CatalogueExam[], selection: ShareSelection, share: readonly string[], entry: string): CatalogueProblem[] {
  return [
    ...selection.unknown.map((unknown) => ({ at: { file: "stack config", path: entry }, reason: unknownShareReason(unknown, exams) })),
    ...selection.unlabelled.map((exam) => ({ at: exam.source, examId: exam.examId, reason: unlabelledReason(share, entry) })),
  ];
}
