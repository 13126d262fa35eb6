import { REQUESTS } from "../../provider/exam/plan";
import { encodeExam } from "../../provider/group/shape";
import { reviewOf, type Review } from "../../provider/review/changes";
import type { PreviewDiagnostic, PreviewStep } from "../../provider/review/preview";

// The review of course-level resources (ExamGroup: a course's exams in one
// resource, each exam one JSON string under its examId), exam by exam, from
// synthetic `pulumi preview --json` steps shaped as the engine writes them.

export type Args = Record<string, unknown>;

const CATALOGUE = "urn:pulumi:s::p::proctor:index:Catalogue";
export const GROUP_URN = (name: string) => `${CATALOGUE}$pulumi-nodejs:dynamic/proctor:ExamGroup::${name}`;
const EXAM_URN = (name: string) => `${CATALOGUE}$pulumi-nodejs:dynamic/proctor:Exam::${name}`;

export function exam(examId: string, extra: Args = {}): Args {
  return {
    examId,
    examName: `Exam ${examId}`,
    accountId: "100",
    accountName: "Science",
    courseName: "Physics",
    duration: 90,
    startDate: "2027-01-11T08:00:00Z",
    endDate: "2027-01-22T18:00:00Z",
    deletionPolicy: "close",
    ...extra,
  };
}

/** A deployment's exams by the resource (group) holding them. */
export type World = Record<string, Args[]>;

export const held = (exams: Args[]) => ({ exams: Object.fromEntries(exams.map((e) => [String(e.examId), encodeExam(e)])) });

/** The steps the engine lists for course resources: one per group, its op from its exams' strings, `exams["<id>"]` in detailedDiff. */
export function groupSteps(before: World, after: World): PreviewStep[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].map((name): PreviewStep => {
    const old = before[name] && held(before[name]);
    const now = after[name] && held(after[name]);
    const changed = [...new Set([...Object.keys(old?.exams ?? {}), ...Object.keys(now?.exams ?? {})])].filter((id) => old?.exams[id] !== now?.exams[id]);
    const op = !old ? "create" : !now ? "delete" : changed.length > 0 ? "update" : "same";
    return {
      op,
      urn: GROUP_URN(name),
      ...(old && { oldState: { id: `uuid-${name}`, inputs: old, outputs: { ...old, servers: {} } } }),
      ...(now && { newState: { inputs: now } }),
      ...(op === "update" && { detailedDiff: Object.fromEntries(changed.map((id) => [`exams[${JSON.stringify(id)}]`, { kind: "update" }])) }),
    };
  });
}

/**
 * The same deployment with one Exam per exam, named `<group>-<examId>`: a move between groups is a rename without an alias.
 * Inputs with their keys sorted, as the CLI prints them (Go's JSON encoder sorts a map's keys).
 */
export function perExamSteps(before: World, after: World): PreviewStep[] {
  const sorted = (e: Args) => JSON.parse(encodeExam(e)) as Args;
  const flat = (world: World) => new Map(Object.entries(world).flatMap(([group, exams]) => exams.map((e) => [`${group}-${String(e.examId)}`, sorted(e)] as const)));
  const old = flat(before);
  const now = flat(after);
  return [...new Set([...old.keys(), ...now.keys()])].map((name): PreviewStep => {
    const a = old.get(name);
    const b = now.get(name);
    const urn = EXAM_URN(name);
    if (!a) return { op: "create", urn, newState: { inputs: b } };
    if (!b) return { op: "delete", urn, oldState: { id: String(a.examId), inputs: a } };
    const changed = Object.keys({ ...a, ...b }).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
    const reasons = changed.filter((k) => k === "accountId" || k === "connection");
    const op = changed.length === 0 ? "same" : reasons.length > 0 ? "replace" : "update";
    return {
      op,
      urn,
      oldState: { id: String(a.examId), inputs: a },
      newState: { inputs: b },
      ...(reasons.length > 0 && { replaceReasons: reasons }),
      ...(changed.length > 0 && { detailedDiff: Object.fromEntries(changed.map((k) => [k, { kind: "update" }])) }),
    };
  });
}

export const review = (steps: PreviewStep[], diagnostics: PreviewDiagnostic[] = []): Review => reviewOf({ steps, diagnostics, hiddenSames: 0 });

/** What `pulumi up` sends per the review: the sum of every exam's fates' requests. */
export function sent(r: Review): number {
  return r.exams.reduce((sum, e) => sum + REQUESTS[e.fate] + (e.oldExam ? REQUESTS[e.oldExam.fate] : 0), 0);
}

export const physics3 = [exam("phy-final"), exam("phy-quiz"), exam("phy-lab")];

export const SCENARIOS: Record<string, { before: World; after: World }> = {
  "one changed exam in a course of three": {
    before: { "cat-100-Physics": physics3 },
    after: { "cat-100-Physics": [exam("phy-final", { duration: 120, rules: { allow_to_use_books: true } }), exam("phy-quiz"), exam("phy-lab")] },
  },
  "an exam added to a course": {
    before: { "cat-100-Physics": physics3 },
    after: { "cat-100-Physics": [...physics3, exam("phy-resit", { startDate: "2027-02-08T08:00:00Z", endDate: "2027-02-12T18:00:00Z" })] },
  },
  "two exams removed, one closed and one retained": {
    before: { "cat-100-Physics": [exam("phy-final"), exam("phy-quiz"), exam("phy-lab", { deletionPolicy: "retain" })] },
    after: { "cat-100-Physics": [exam("phy-final")] },
  },
  "a course removed whole": {
    before: { "cat-100-Physics": physics3, "cat-100-Chemistry": [exam("chem-final", { courseName: "Chemistry", deletionPolicy: "retain" })] },
    after: { "cat-100-Physics": physics3 },
  },
  "an exam moved to another course": {
    before: { "cat-100-Physics": physics3, "cat-100-Chemistry": [exam("chem-final", { courseName: "Chemistry" })] },
    after: { "cat-100-Physics": [exam("phy-final"), exam("phy-quiz")], "cat-100-Chemistry": [exam("chem-final", { courseName: "Chemistry" }), exam("phy-lab", { courseName: "Chemistry" })] },
  },
  "an exam whose accountId changed": {
    before: { "cat-Physics": physics3 },
    after: { "cat-Physics": [exam("phy-final", { accountId: "200", accountName: "Arts" }), exam("phy-quiz"), exam("phy-lab")] },
  },
  "an exam whose connection changed": {
    before: { "cat-100-Physics": physics3 },
    after: { "cat-100-Physics": [exam("phy-final"), exam("phy-quiz", { connection: "staging" }), exam("phy-lab")] },
  },
  "an exam whose deletionPolicy alone changed": {
    before: { "cat-100-Physics": physics3 },
    after: { "cat-100-Physics": [exam("phy-final", { deletionPolicy: "retain" }), exam("phy-quiz"), exam("phy-lab")] },
  },
};

export function groupReview(name: string): Review {
  const { before, after } = SCENARIOS[name];
  return review(groupSteps(before, after));
}
