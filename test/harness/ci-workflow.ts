import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/lib/pulumi-stack";
import { readWorkflow } from "./workflow-run";

/**
 * The commands of examples/ci/exams.yml's preview job, read from the file so that
 * the tests run exactly what the workflow runs: the `pulumi preview` arguments
 * (step `preview`, its output redirected to preview.json), the policy pack's
 * preview (step `policy`, its output copied to policy.log) and each
 * `npx pulumi-proctor` command's arguments (step `review`).
 */
export interface WorkflowCommands {
  previewArgs: string[];
  previewFile: string;
  policyArgs: string[];
  policyLog: string;
  reviewArgs: string[][];
}

export function workflowCommands(): WorkflowCommands {
  const workflow = readWorkflow(path.join(REPO_ROOT, "examples", "ci", "exams.yml"));
  const steps = workflow.jobs.preview!.steps;
  const run = (id: string) => steps.find((s) => s.id === id)?.run ?? "";
  const preview = /^pulumi (.+) > (\S+)$/.exec(run("preview").trim());
  if (!preview) throw new Error(`the preview step is not "pulumi … > FILE": ${run("preview")}`);
  const policy = /^pulumi (.+) 2>&1 \| tee (\S+)$/.exec(run("policy").trim());
  if (!policy) throw new Error(`the policy step is not "pulumi … 2>&1 | tee FILE": ${run("policy")}`);
  const reviewArgs = run("review")
    .trim()
    .split("\n")
    .map((line) => {
      const words = line.trim().split(/\s+/);
      if (words[0] !== "npx" || words[1] !== "pulumi-proctor") throw new Error(`a review line is not "npx pulumi-proctor …": ${line}`);
      return words.slice(2);
    });
  return { previewArgs: preview[1]!.split(/\s+/), previewFile: preview[2]!, policyArgs: policy[1]!.split(/\s+/), policyLog: policy[2]!, reviewArgs };
}

/** The value after `flag` in `args`, and `args` without the two. */
export function takeFlag(args: readonly string[], flag: string): { value?: string; rest: string[] } {
  const at = args.indexOf(flag);
  return at < 0 ? { rest: [...args] } : { value: args[at + 1], rest: [...args.slice(0, at), ...args.slice(at + 2)] };
}
