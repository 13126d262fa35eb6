import * as pulumi from "@pulumi/pulumi";
import type * as Args from "./args";
import type { CatalogueArgs, Granularity } from "./args";
import { CatalogueError } from "../errors";
import { readSources } from "./load";
import type { CatalogueExam } from "./resolve";
import type * as Share from "./share";
import { Exam } from "../exam/resource";
import { claimed } from "../exam/claims";
import type { ServerView } from "../exam/state";
import { ExamGroup } from "../group/resource";
import { encodeExam, groupResourceName } from "../group/shape";

/** An exam's outputs, whichever resource holds it. */
/**
 * An exam's outputs, whichever resource holds it: an Exam has them all; an exam
 * inside a course's (account's) ExamGroup has them read off the group, `urn`
 * being the group's.
 */
export type CatalogueExamOutputs = Pick<Exam, "urn" | "examId" | "accountId" | "examName" | "deletionPolicy" | "server">;

export type { CatalogueArgs, Granularity };

/**
 * The resource name of a catalogue's exam: derived from its examId alone, so
 * reordering the file, regrouping exams or changing defaults never renames a
 * resource, and adding one exam adds exactly one resource.
 */
export function examResourceName(catalogueName: string, examId: string): string {
  return `${catalogueName}-${examId}`;
}

/**
 * A catalogue of exams: files and/or code merged level by level (catalogue,
 * account, course, exam), checked as a whole, then one Exam per entry,
 * parented to this component. Every problem is reported in one error before
 * any resource is registered, so a bad catalogue never reaches Proctor.
 *
 * URNs: each exam's URN is
 * `urn:pulumi:<stack>::<project>::proctor:index:Catalogue$pulumi-nodejs:dynamic/proctor:Exam::<name>-<examId>`.
 * Renaming the catalogue, or moving an exam between a standalone `new Exam`
 * and a catalogue, changes it: give the exam `aliases` (via `examOptions`) or
 * Pulumi will plan a create (an adoption, since the examId exists) and a
 * delete (a retain, by default).
 */
export class Catalogue extends pulumi.ComponentResource {
  /** The exams by examId, in catalogue order: Exam resources, or views of the exams inside the ExamGroups. */
  readonly exams: Readonly<Record<string, CatalogueExamOutputs>>;
  /** With a course or account granularity, the ExamGroup resources by resource name; empty otherwise. */
  readonly groups: Readonly<Record<string, ExamGroup>>;
  /** The merged, validated entries behind the exams. */
  readonly entries: readonly CatalogueExam[];

  constructor(name: string, args: CatalogueArgs, opts?: pulumi.ComponentResourceOptions) {
    // Before super(): bad arguments or a bad catalogue must not register even the component.
    // The check is loaded here, not at import: a program that only declares Exams loads no zod.
    const { checkCatalogueArgs } = require("./args") as typeof Args;
    const checked = checkCatalogueArgs(name, args);
    const { entries, shared } = stackShareOf(readSources(checked));
    super("proctor:index:Catalogue", name, {}, opts);
    this.entries = entries;
    const granularity = checked.granularity;
    if (granularity === "exam") {
      const exams: Record<string, Exam> = {};
      for (const entry of entries) {
        const options = checked.examOptions?.(entry) ?? {};
        exams[entry.examId] = new Exam(examResourceName(name, entry.examId), entry.args, { ...withMoveAlias(options, shared), parent: this });
      }
      this.exams = exams;
      this.groups = {};
    } else {
      this.groups = declareGroups(this, name, entries, granularity, (list) => withMoveAlias(checked.groupOptions?.(list) ?? {}, shared));
      this.exams = examViews(entries, this.groups, name, granularity);
    }
    this.registerOutputs({ examIds: entries.map((e) => e.examId) });
  }
}

function groupNameOf(catalogueName: string, entry: CatalogueExam, granularity: "course" | "account"): string {
  const { accountId, courseName } = entry.args;
  return groupResourceName(catalogueName, String(accountId), granularity === "course" ? String(courseName ?? "") : undefined);
}

function declareGroups(
  parent: Catalogue,
  catalogueName: string,
  entries: readonly CatalogueExam[],
  granularity: "course" | "account",
  groupOptions: (exams: readonly CatalogueExam[]) => pulumi.CustomResourceOptions,
): Record<string, ExamGroup> {
  const members = new Map<string, CatalogueExam[]>();
  for (const entry of entries) {
    const group = groupNameOf(catalogueName, entry, granularity);
    (members.get(group) ?? members.set(group, []).get(group)!).push(entry);
  }
  const groups: Record<string, ExamGroup> = {};
  for (const [group, list] of members) {
    // Each examId is claimed as an Exam's is: one exam declared twice in the program is refused before anything is sent.
    const claims = list.map((entry) => claimed(`${group}[${entry.examId}]`, entry.examId, entry.args.connection));
    const exams = Promise.all(claims).then(() => Object.fromEntries(list.map((entry) => [entry.examId, encodeExam(entry.args)])));
    groups[group] = new ExamGroup(group, { exams }, { ...groupOptions(list), parent });
  }
  return groups;
}

/** Each exam's outputs read off its group's, built when a program first reads them: a large catalogue pays nothing for views it never reads. */
function examViews(
  entries: readonly CatalogueExam[],
  groups: Readonly<Record<string, ExamGroup>>,
  catalogueName: string,
  granularity: "course" | "account",
): Record<string, CatalogueExamOutputs> {
  const views: Record<string, CatalogueExamOutputs> = {};
  for (const entry of entries) {
    const group = groups[groupNameOf(catalogueName, entry, granularity)];
    let server: pulumi.Output<ServerView> | undefined;
    Object.defineProperty(views, entry.examId, {
      enumerable: true,
      get: (): CatalogueExamOutputs => ({
        urn: group.urn,
        examId: pulumi.output(entry.examId),
        accountId: pulumi.output(String(entry.args.accountId)),
        examName: pulumi.output(String(entry.args.examName)),
        deletionPolicy: pulumi.output(entry.args.deletionPolicy ?? "retain"),
        // The group stores an exam's server view once its first upsert succeeds; the whole update fails before that.
        server: (server ??= group.servers.apply((servers) => JSON.parse(servers[entry.examId] ?? "null") as ServerView)),
      }),
    });
  }
  return views;
}

/**
 * In a project split into shares, a resource of the catalogue may arrive from
 * another stack by `pulumi state move`, which leaves its Catalogue behind and
 * puts it at this stack's root: the alias names that place, so the next `up`
 * takes it over as it is instead of creating it again.
 */
function withMoveAlias<O extends pulumi.CustomResourceOptions>(options: O, shared: boolean): O {
  return shared ? { ...options, aliases: [...(options.aliases ?? []), { parent: pulumi.rootStackResource }] } : options;
}

/**
 * The exams this stack declares: all of them, or, when the project's config
 * maps stacks to shares (`proctor:shares`, see ./share.ts), those of this
 * stack's shares. A stack the map leaves out, an exam in no share or a share of
 * no exam stops the program: each would change which exams this stack holds
 * without anyone having said so, and a dropped exam with deletionPolicy
 * "close" is closed.
 */
function stackShareOf(entries: CatalogueExam[]): { entries: CatalogueExam[]; shared: boolean } {
  const raw = new pulumi.Config("proctor").get("shares");
  if (raw === undefined) return { entries, shared: false };
  const { parseShares, selectShare, shareProblems, unlistedReason, SHARES_KEY, WHOLE } = require("./share") as typeof Share;
  const parsed = parseShares(raw);
  if ("problems" in parsed) throw new CatalogueError(parsed.problems.map(({ path, reason }) => ({ at: { file: "stack config", path }, reason })));
  const stack = pulumi.getStack();
  const share = parsed.shares[stack];
  if (share === undefined) throw new CatalogueError([{ at: { file: "stack config", path: SHARES_KEY }, reason: unlistedReason(stack, parsed.shares) }]);
  if (share === WHOLE) return { entries, shared: true };
  const selection = selectShare(entries, share);
  const problems = shareProblems(entries, selection, share, `${SHARES_KEY}.${stack}`);
  if (problems.length > 0) throw new CatalogueError(problems);
  return { entries: selection.declared, shared: true };
}
