import type { Policies } from "@pulumi/policy";
import { examIdPattern } from "./exam-id-pattern";
import { examIdUnique } from "./exam-id-unique";
import { trialStack } from "./trial-stack";
import { windowFitsDuration } from "./window-fits-duration";
import { windowTiming } from "./window-timing";
import { windowsOverlap } from "./windows-overlap";

/** The pack's rules, in the order docs/policy-pack.md lists them; a module of its own so that tests read them without starting a pack. */
export const POLICIES: Policies = [windowFitsDuration, windowTiming, windowsOverlap, trialStack, examIdPattern, examIdUnique];
