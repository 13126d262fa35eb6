import type { ResourceValidationPolicy } from "@pulumi/policy";
import { checkEachExam, known, windowOf, type DeclaredExam } from "./exam";

export const WINDOW_FITS_DURATION = "exam-window-fits-duration";

/** What is wrong when a learner who starts at startDate could not finish before endDate; undefined while anything is unknown. */
export function windowShortfall(exam: DeclaredExam): string | undefined {
  const window = windowOf(exam);
  const duration = known(exam.duration);
  if (window === undefined || typeof duration !== "number") return undefined;
  const minutes = (window.end - window.start) / 60_000;
  if (minutes >= duration) return undefined;
  return (
    `endDate − startDate is ${minutes} minutes (${String(exam.startDate)} to ${String(exam.endDate)}), ` +
    `shorter than duration ${duration}: a learner who starts at startDate cannot finish`
  );
}

export const windowFitsDuration: ResourceValidationPolicy = {
  name: WINDOW_FITS_DURATION,
  description: "An exam's window (endDate − startDate) is at least its duration.",
  enforcementLevel: "mandatory",
  validateResource: checkEachExam(({ exam }) => windowShortfall(exam)),
};
