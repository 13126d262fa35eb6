import type { CatalogueExam } from "../catalogue/resolve";
import { parseShares, selectShare, SHARES_KEY, unknownShareReason, unlistedReason, WHOLE, type StackShare } from "../catalogue/share";
import { plural } from "../cli/args";
import type { ConfigSource } from "../proctor/config";
import { connectionPlace } from "../proctor/connection";
import { ENCRYPTED, type ConfigValue, type Project, type StackFile } from "./stack-files";

/**
 * Do the stacks of a project partition a catalogue? Stacks whose stack files
 * send to one integration (the same `proctor:url` and `proctor:integrationName`)
 * are one deployment: each exam of the catalogue must be declared by exactly
 * one of them. Two stacks that send one examId to one integration overwrite
 * each other's exam, and a close by either ends it for both; an exam no stack
 * declares is never sent. Staging and production stacks of one catalogue send
 * to different integrations, so each may declare the whole catalogue.
 */
export interface PartitionReport {
  /** One line each, the stack file(s) or the integration first; empty when the stacks partition the catalogue. */
  problems: string[];
  /** Per deployment: where it sends, and what each stack declares of the catalogue. */
  deployments: {
    place: string;
    exams: number;
    stacks: { stack: string; share?: readonly string[]; exams: number }[];
    /** Config keys whose values differ between its stacks (encrypted ones cannot be compared). */
    differing: string[];
  }[];
}

interface Place {
  key: string;
  text: string;
}

interface StackPlan {
  stack: StackFile;
  /** Undefined: the whole catalogue (no map, or the stack's entry is "*"). */
  share?: readonly string[];
  declared: CatalogueExam[];
  deployment: Place;
}

// Enough ids to recognise the exams; the count says the rest.
const LISTED = 5;

function configSource(config: ReadonlyMap<string, ConfigValue>): ConfigSource {
  return (key) => {
    const value = config.get(key)?.value;
    if (value === undefined || value === ENCRYPTED) return undefined;
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  };
}

/** Where a stack's connection sends, as its stack file says (no environment: CI would set that alike for every stack). */
function placeOf(connection: string | undefined, config: ReadonlyMap<string, ConfigValue>): Place {
  const place = connectionPlace(connection, configSource(config), {});
  if (place !== undefined) return { key: `${place.url}\n${place.integrationName}`, text: `integration "${place.integrationName}" at ${place.url}` };
  const name = connection === undefined ? "" : ` of connection "${connection}"`;
  // Stacks whose files do not say where they send may send to one place: checked as one deployment, the safe guess.
  return { key: `?${connection ?? ""}`, text: `the integration${name} the stack files do not name (url or integrationName unset, or encrypted)` };
}

function examList(exams: readonly CatalogueExam[]): string {
  const ids = exams.slice(0, LISTED).map((exam) => exam.examId);
  return exams.length > LISTED ? `${ids.join(", ")} and ${exams.length - LISTED} more` : ids.join(", ");
}

function shareText(plan: StackPlan): string {
  return plan.share === undefined ? "the whole catalogue" : plan.share.join(", ");
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** What one stack's config says it declares: the whole catalogue, a list of shares, or the problems that keep it from saying. */
function stackShare(stack: StackFile): { share?: StackShare } | { problems: string[] } {
  const map = stack.config.get(SHARES_KEY);
  if (map === undefined) return { share: WHOLE };
  if (map.value === ENCRYPTED) return { problems: [`${map.file}: ${SHARES_KEY}: is encrypted; which exams a stack declares is no secret, and every reviewer must see it`] };
  const parsed = parseShares(map.value);
  if ("problems" in parsed) return { problems: parsed.problems.map(({ path, reason }) => `${map.file}: ${path}: ${reason}`) };
  const share = parsed.shares[stack.stack];
  return share === undefined ? { problems: [`${map.file}: ${SHARES_KEY}: ${unlistedReason(stack.stack, parsed.shares)}`] } : { share };
}

/** Entries of the map that name a stack without a stack file: CI runs one job per stack file, so such a stack is never deployed. */
function stacksWithoutFile(project: Project): string[] {
  const files = new Set(project.stacks.map((stack) => stack.stack));
  const maps = new Map([project.config, ...project.stacks.map((stack) => stack.config)].flatMap((config) => {
    const map = config.get(SHARES_KEY);
    return map === undefined ? [] : [[map.file, map.value] as const];
  }));
  return [...maps].flatMap(([file, value]) => {
    const parsed = value === ENCRYPTED ? undefined : parseShares(value);
    const names = parsed !== undefined && "shares" in parsed ? Object.keys(parsed.shares) : [];
    return names
      .filter((name) => !files.has(name))
      .map((name) => `${file}: ${SHARES_KEY}.${name}: no stack file Pulumi.${name}.yaml: create it with \`pulumi stack init ${name}\` and commit it (the CI workflow runs one job per stack file)`);
  });
}

/** Each stack's share, read and checked; a stack's own mistakes are reported before any comparison of stacks. */
function planStacks(exams: readonly CatalogueExam[], project: Project, problems: Set<string>): StackPlan[] {
  for (const problem of stacksWithoutFile(project)) problems.add(problem);
  const stacks = project.stacks;
  return stacks.map((stack) => {
    const deployment = placeOf(undefined, stack.config);
    const read = stackShare(stack);
    if ("problems" in read) {
      for (const problem of read.problems) problems.add(problem);
      return { stack, declared: [], deployment };
    }
    if (read.share === WHOLE || read.share === undefined) return { stack, declared: [...exams], deployment };
    const selection = selectShare(exams, read.share);
    for (const unknown of selection.unknown) problems.add(`${stack.config.get(SHARES_KEY)!.file}: ${SHARES_KEY}.${stack.stack}: ${unknownShareReason(unknown, exams)}`);
    return { stack, share: read.share, declared: selection.declared, deployment };
  });
}

/** Exams that two or more stacks send to one place. */
function overlaps(plans: readonly StackPlan[]): string[] {
  const senders = new Map<string, { place: Place; exam: CatalogueExam; plans: StackPlan[] }>();
  for (const plan of plans) {
    for (const exam of plan.declared) {
      const place = placeOf(exam.args.connection, plan.stack.config);
      const key = `${place.key}\n${exam.examId}`;
      const entry = senders.get(key) ?? { place, exam, plans: [] };
      entry.plans.push(plan);
      senders.set(key, entry);
    }
  }
  const shared = [...senders.values()].filter((entry) => entry.plans.length > 1);
  return [...groupBy(shared, (entry) => `${entry.place.key}\n${entry.plans.map((p) => p.stack.stack).join("\n")}`).values()].map((entries) => {
    const { place, plans: both } = entries[0];
    const exams = entries.map((entry) => entry.exam);
    const stacks = both.map((plan) => `${plan.stack.stack} (${shareText(plan)})`).join(" and ");
    const whole = both.filter((plan) => plan.share === undefined).map((plan) => plan.stack.stack);
    const fix = whole.length > 0 ? `give ${whole.join(" and ")} ${whole.length === 1 ? "an entry" : "entries"} of shares in ${SHARES_KEY}` : "give each share to one stack";
    const them = exams.length === 1 ? "it" : "them";
    return (
      `${both.map((plan) => plan.stack.file).join(", ")}: ${plural(exams.length, "exam")} (${examList(exams)}) ${exams.length === 1 ? "is" : "are"} declared by ${stacks}, ` +
      `which send ${them} to ${place.text}: each stack would overwrite the other's, and a close by either ends ${them} for both; ${fix}`
    );
  });
}

/** Per deployment, the exams none of its stacks declares. */
function forgotten(exams: readonly CatalogueExam[], deployment: readonly StackPlan[]): string[] {
  const declared = new Set(deployment.flatMap((plan) => plan.declared.map((exam) => exam.examId)));
  const missing = exams.filter((exam) => !declared.has(exam.examId));
  const stacks = deployment.map((plan) => `${plan.stack.stack}: ${shareText(plan)}`).join("; ");
  return [...groupBy(missing, (exam) => exam.share ?? "").entries()].map(([share, left]) => {
    const which = share === "" ? "in no share" : `of share ${JSON.stringify(share)}`;
    const fix = share === "" ? "write `share:` on them, their course or their account" : `add ${JSON.stringify(share)} to one stack's entry in ${SHARES_KEY}`;
    return `${deployment[0].deployment.text}: ${plural(left.length, "exam")} ${which} (${examList(left)}) ${left.length === 1 ? "is" : "are"} declared by none of its stacks (${stacks}): ${fix}`;
  });
}

/** The config keys whose values are not the same in every stack of a deployment. */
function differingConfig(deployment: readonly StackPlan[]): string[] {
  const keys = [...new Set(deployment.flatMap((plan) => [...plan.stack.config.keys()]))].sort();
  return keys.filter((key) => {
    const values = deployment.map((plan) => plan.stack.config.get(key)?.value);
    if (values.every((value) => value === ENCRYPTED)) return false;
    return new Set(values.map((value) => JSON.stringify(value ?? null))).size > 1;
  });
}

export function checkPartition(exams: readonly CatalogueExam[], project: Project): PartitionReport {
  const own = new Set<string>();
  const plans = planStacks(exams, project, own);
  // A typo in one stack's entry would show again as exams no stack declares: the typo is the one to fix.
  if (own.size > 0) return { problems: [...own], deployments: [] };
  const deployments = [...groupBy(plans, (plan) => plan.deployment.key).values()];
  const problems = [...overlaps(plans), ...deployments.flatMap((deployment) => forgotten(exams, deployment))];
  return {
    problems,
    deployments: deployments.map((deployment) => ({
      place: deployment[0].deployment.text,
      exams: new Set(deployment.flatMap((plan) => plan.declared.map((exam) => exam.examId))).size,
      stacks: deployment.map((plan) => ({ stack: plan.stack.stack, ...(plan.share !== undefined && { share: plan.share }), exams: plan.declared.length })),
      differing: differingConfig(deployment),
    })),
  };
}
