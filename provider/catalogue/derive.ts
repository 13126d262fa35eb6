import { fillTemplate, slug, type Placeholder, type TemplateValues } from "./template";
import { idText } from "../exam/schema";

/** What to write to give a placeholder a value. */
const SOURCE: Record<Placeholder, string> = {
  term: "term (at the top of the catalogue)",
  course: "courseCode or courseName",
  account: "accountId",
  kind: "kind",
};

/** The template's values for one exam: its merged fields, the catalogue's term and the exam's kind. */
export function templateValues(args: Record<string, unknown>, term: string | undefined, kind: string | undefined): TemplateValues {
  const { courseCode, courseName } = args;
  const course = typeof courseCode === "string" && courseCode !== "" ? courseCode : typeof courseName === "string" ? slug(courseName) : undefined;
  return { term, kind, course, account: idText(args.accountId) };
}

/** The examId an exam without one gets from the catalogue's examIdTemplate, or why it gets none. */
export function deriveExamId(template: string, args: Record<string, unknown>, term: string | undefined, kind: string | undefined): { id: string } | { problem: string } {
  const filled = fillTemplate(template, templateValues(args, term, kind));
  if ("id" in filled) return filled;
  const needs = filled.missing.map((p) => `{${p}} (set ${SOURCE[p]})`).join(", ");
  return { problem: `not set, and the examIdTemplate ${JSON.stringify(template)} has no value here for ${needs}; or write examId yourself` };
}
