import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { ruleParameters } from "./config";
import { checkEachExam, windowOf, type DeclaredExam } from "./exam";

export const WINDOW_TIMING = "exam-window-not-too-late";

const HOUR = 3_600_000;

const parameters = ruleParameters(WINDOW_TIMING, {
  hours: z
    .number()
    .min(0)
    .default(24)
    .meta({ description: "An exam whose window opens sooner than this many hours from now (or has opened) is reported." }),
});

/** A span of time as a person says it: minutes, hours up to two days, then days. */
export function span(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"}`;
  return `${Math.round(hours / 24)} days`;
}

/**
 * What is late about an exam's window at `now`: over, open already, or opening
 * within `hours`; undefined while a date is unknown.
 */
export function lateness(exam: DeclaredExam, now: number, hours: number): string | undefined {
  const window = windowOf(exam);
  if (window === undefined) return undefined;
  if (window.end < now) return `endDate ${String(exam.endDate)} has passed (${span(now - window.end)} ago): the window is over`;
  if (window.start <= now) {
    return `startDate ${String(exam.startDate)} has passed (${span(now - window.start)} ago): the window is open, learners may be taking the exam`;
  }
  if (window.start - now < hours * HOUR) {
    return `startDate ${String(exam.startDate)} is in ${span(window.start - now)}, less than the ${hours} hours a change needs to reach learners`;
  }
  return undefined;
}

export const windowTiming: ResourceValidationPolicy = {
  name: WINDOW_TIMING,
  description: "An exam's window has not ended and does not open within the next `hours` hours.",
  enforcementLevel: "advisory",
  configSchema: parameters.configSchema,
  validateResource: checkEachExam(({ exam }, args) => lateness(exam, Date.now(), parameters.read(args).hours)),
};
