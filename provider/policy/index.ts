/**
 * The policy pack for exam catalogues, run with
 * `pulumi preview --policy-pack node_modules/pulumi-proctor/policy`
 * (policy/package.json points here). Needs @pulumi/policy installed next to the package.
 */
import { PolicyPack } from "@pulumi/policy";
import { examIdPattern } from "./exam-id-pattern";
import { examIdUnique } from "./exam-id-unique";
import { trialStack } from "./trial-stack";
import { windowFitsDuration } from "./window-fits-duration";
import { windowTiming } from "./window-timing";
import { windowsOverlap } from "./windows-overlap";

new PolicyPack("pulumi-proctor", {
  policies: [windowFitsDuration, windowTiming, windowsOverlap, trialStack, examIdPattern, examIdUnique],
});
