// A local Node.js policy pack, run by the language host's RunPlugin for
// `pulumi preview --policy-pack test/programs/policy-pack`: one mandatory rule
// on the Exam resource's `duration`.
import { PolicyPack } from "@pulumi/policy";

export const EXAM_TYPE = "pulumi-nodejs:dynamic/proctor:Exam";
export const MAX_DURATION = 240;

new PolicyPack("proctor-test-policies", {
  policies: [
    {
      name: "exam-duration-at-most-240",
      description: `An exam lasts at most ${MAX_DURATION} minutes.`,
      enforcementLevel: "mandatory",
      validateResource: (args, reportViolation) => {
        if (args.type !== EXAM_TYPE) return;
        const duration: unknown = args.props.duration;
        if (typeof duration === "number" && duration > MAX_DURATION) {
          reportViolation(`duration ${duration} is over ${MAX_DURATION} minutes`);
        }
      },
    },
  ],
});
