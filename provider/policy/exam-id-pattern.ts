import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { ruleParameters } from "./config";
import { checkEachExam, examIdOf, type DeclaredExam } from "./exam";
import { show } from "../show";

export const EXAM_ID_PATTERN = "exam-id-pattern";

function regexProblem(source: string): string | undefined {
  try {
    new RegExp(source);
    return undefined;
  } catch (error) {
    return `is not a regular expression (${(error as Error).message})`;
  }
}

const parameters = ruleParameters(EXAM_ID_PATTERN, {
  pattern: z
    .string()
    .superRefine((source, ctx) => {
      const problem = regexProblem(source);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: `${show(source)} ${problem}` });
    })
    .optional()
    .meta({ description: "Regular expression (JavaScript) every examId must match, e.g. `^2027s-` for the term's code; unset, the rule passes." }),
});

/** What is wrong with an exam's examId under a pattern; undefined without a pattern or while the examId is unknown. */
export function examIdMismatch(exam: DeclaredExam, pattern: string | undefined): string | undefined {
  const examId = examIdOf(exam);
  if (pattern === undefined || examId === undefined || new RegExp(pattern).test(examId)) return undefined;
  return (
    `examId does not match the pattern ${show(pattern)}: if this catalogue was copied from another term, ` +
    "applying it would overwrite that term's exam"
  );
}

export const examIdPattern: ResourceValidationPolicy = {
  name: EXAM_ID_PATTERN,
  description: "Every examId matches `pattern` (e.g. holds the term's code), so a copied catalogue cannot overwrite last term's exams.",
  enforcementLevel: "advisory",
  configSchema: parameters.configSchema,
  validateResource: checkEachExam(({ exam }, args) => examIdMismatch(exam, parameters.read(args).pattern)),
};
