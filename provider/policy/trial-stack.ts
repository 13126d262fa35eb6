import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { globMatches, ruleParameters } from "./config";
import { checkEachExam, known, type DeclaredExam } from "./exam";

export const TRIAL_STACK = "exam-trial-matches-stack";

const parameters = ruleParameters(TRIAL_STACK, {
  productionStacks: z
    .string()
    .default("prod*")
    .meta({ description: "Glob (`*`, `?`) of the stack names that hold real exams; an exam there must not be `trial: true`, one elsewhere not `trial: false`." }),
});

/** The stack a URN belongs to: `urn:pulumi:<stack>::<project>::...`. */
export function stackOfUrn(urn: string): string {
  return urn.slice("urn:pulumi:".length).split("::")[0];
}

/**
 * What is wrong with an exam's `trial` on a stack; an exam that leaves it out
 * gets the server's default and is not reported, nor is an unknown value.
 */
export function trialMismatch(exam: DeclaredExam, stack: string, productionStacks: string): string | undefined {
  const trial = known(exam.trial);
  const production = globMatches(productionStacks, stack);
  if (production && trial === true) {
    return `trial: true on stack "${stack}", a production stack (productionStacks "${productionStacks}"): its sessions would be left out of reports and their videos not archived`;
  }
  if (!production && trial === false) {
    return `trial: false on stack "${stack}", not a production stack (productionStacks "${productionStacks}"): its sessions would count as real ones`;
  }
  return undefined;
}

export const trialStack: ResourceValidationPolicy = {
  name: TRIAL_STACK,
  description: "Exams are `trial: true` only off production stacks, and not `trial: false` on the others.",
  enforcementLevel: "advisory",
  configSchema: parameters.configSchema,
  validateResource: checkEachExam(({ exam, urn }, args) => trialMismatch(exam, stackOfUrn(urn), parameters.read(args).productionStacks)),
};
