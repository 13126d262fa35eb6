import { readFileSync } from "node:fs";
import * as path from "node:path";
import { reviewOf, type ExamChange, type Review } from "../../provider/review/changes";
import { parsePreview, type PreviewStep } from "../../provider/review/preview";
import { REPO_ROOT } from "../../scripts/lib/pulumi-stack";

// The real previews test/e2e/review.test.ts saved (REVIEW_FIXTURES=write regenerates them),
// read by the review's unit tests and the review command's integration test.
export const FIXTURES = path.join(REPO_ROOT, "test", "fixtures", "review");

export const fixtureText = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");

/** The review of a saved preview. */
export const fixture = (name = "preview.json") => reviewOf(parsePreview(fixtureText(name), name));

/** The fixture's preview with its steps repeated `copies` times under fresh names and examIds: a term change of many exams. */
export function manySteps(copies: number): PreviewStep[] {
  const json = JSON.parse(fixtureText("preview.json")) as { steps: PreviewStep[] };
  return Array.from({ length: copies }, (_, i) =>
    json.steps.map((step) => JSON.parse(JSON.stringify(step).replace(/(::|")(phy|his|board|history)/g, `$1c${i}-$2`)) as PreviewStep),
  ).flat();
}

export function manyExams(copies: number): Review {
  return reviewOf({ steps: manySteps(copies), diagnostics: [], hiddenSames: 0 });
}

/** The URN of an Exam resource named `name`. */
export const EXAM_URN = (name: string) => `urn:pulumi:s::p::pulumi-nodejs:dynamic/proctor:Exam::${name}`;

/** An Exam's inputs as the engine lists them, with this examId. */
export const live = (examId: unknown, extra: Record<string, unknown> = {}) => ({
  examId,
  examName: "Final",
  accountId: "1",
  courseName: "Physics",
  startDate: "2027-01-11T08:00:00Z",
  endDate: "2027-01-22T18:00:00Z",
  ...extra,
});

/** One exam of a review as reviewOf makes it: an unchanged Exam "x" of Physics, in account "Science (100)", unless `extra` says otherwise. */
export function examChange(extra: Partial<ExamChange> = {}): ExamChange {
  return {
    kind: "unchanged",
    resource: extra.examId ?? "x",
    examId: "x",
    examName: "Final",
    account: "Science (100)",
    course: "Physics",
    fields: [],
    replaceReasons: [],
    fate: "nothing",
    unseen: [],
    upserts: 0,
    errors: [],
    warnings: [],
    ...extra,
  };
}

/** A review of these exams, with nothing else to say. */
export function reviewOfExams(exams: ExamChange[], extra: Partial<Review> = {}): Review {
  return { exams, errors: [], warnings: [], samesListed: true, ...extra };
}
