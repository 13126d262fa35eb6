import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse } from "yaml";

// A GitHub Actions job's own `run:` steps, run as a runner runs them, so that a test
// exercises exactly what a workflow file says: the shell GitHub picks, the job's env,
// $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY, continue-on-error, and `if:` on earlier
// steps' outcomes. `uses:` steps set up the runner (checkout, Node, the Pulumi CLI,
// artifacts) and `npm ci` installs the project: the test's project is installed
// already, so both are left out.

export interface WorkflowStep {
  id?: string;
  name?: string;
  if?: string;
  run?: string;
  uses?: string;
  shell?: string;
  with?: Record<string, unknown>;
  "continue-on-error"?: boolean;
}

export interface WorkflowJob {
  if?: string;
  needs?: string | string[];
  environment?: string;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  strategy?: { "fail-fast"?: boolean; matrix?: Record<string, unknown> };
  steps: WorkflowStep[];
}

export interface Workflow {
  on: Record<string, { branches?: string[] }>;
  env: Record<string, string>;
  jobs: Record<string, WorkflowJob>;
}

export function readWorkflow(file: string): Workflow {
  return parse(readFileSync(file, "utf8")) as Workflow;
}

export interface StepRun {
  id?: string;
  /** GitHub's `steps.<id>.outcome`: before continue-on-error. */
  outcome: "success" | "failure";
  code: number;
  stdout: string;
  stderr: string;
}

export interface JobRun {
  steps: StepRun[];
  /** The job's `outputs:`, from its steps' $GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** What the steps appended to $GITHUB_STEP_SUMMARY. */
  summary: string;
  failed: boolean;
}

const EXPRESSION = /\$\{\{\s*([^}]*?)\s*\}\}/g;

/**
 * `${{ matrix.stack }}` and the like, from `context`; any other expression is an error (the
 * harness would guess), unless `missing` stands in for it (a step output never written is "").
 */
function substitute(text: string, context: Record<string, string>, missing?: string): string {
  return text.replace(EXPRESSION, (whole, name: string) => {
    if (name in context) return context[name]!;
    if (missing !== undefined) return missing;
    throw new Error(`the harness has no value for ${whole}`);
  });
}

/** A step's `if:` of the form `steps.a.outcome == 'failure' || steps.b.outcome == 'failure'`. */
function stepCondition(condition: string, done: readonly StepRun[]): boolean {
  return condition.split("||").some((term) => {
    const match = /^\s*steps\.([\w-]+)\.outcome == '(success|failure)'\s*$/.exec(term);
    if (!match) throw new Error(`the harness cannot evaluate the step condition: ${condition}`);
    return done.find((step) => step.id === match[1])?.outcome === match[2];
  });
}

/** GitHub's shell: `bash -e {0}` by default, `bash --noprofile --norc -eo pipefail {0}` for `shell: bash`; {0} is the script's file. */
function shellArgs(step: WorkflowStep, script: string): string[] {
  if (step.shell === undefined) return ["-e", script];
  if (step.shell === "bash") return ["--noprofile", "--norc", "-eo", "pipefail", script];
  throw new Error(`the harness does not run shell ${step.shell}`);
}

function bash(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("bash", args, { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr });
    });
  });
}

function parseOutputFile(text: string): Record<string, string> {
  return Object.fromEntries(text.split("\n").flatMap((line) => {
    const at = line.indexOf("=");
    return at > 0 ? [[line.slice(0, at), line.slice(at + 1)]] : [];
  }));
}

/**
 * Runs job `name`'s `run:` steps in `cwd`, in order, with `env` (the secrets and the
 * runner's tools) and the job's own env, its expressions taken from `context`
 * (`{ "matrix.stack": "sciences" }`). A failed step without continue-on-error ends
 * the job, as on GitHub.
 */
export async function runJob(workflow: Workflow, name: string, cwd: string, env: NodeJS.ProcessEnv, context: Record<string, string> = {}): Promise<JobRun> {
  const job = workflow.jobs[name];
  if (job === undefined) throw new Error(`the workflow has no job ${name}`);
  const scratch = await mkdtemp(path.join(tmpdir(), "workflow-run-"));
  const summaryFile = path.join(scratch, "summary.md");
  const jobEnv = Object.fromEntries(Object.entries(job.env ?? {}).map(([key, value]) => [key, substitute(value, context)]));
  const steps: StepRun[] = [];
  const outputs: Record<string, Record<string, string>> = {};
  let failed = false;
  try {
    await writeFile(summaryFile, "");
    for (const [index, step] of job.steps.entries()) {
      if (step.run === undefined || step.run.trim() === "npm ci") continue;
      if (step.run.includes("${{")) throw new Error(`step ${step.id ?? index} pastes an expression into its script: ${step.run}`);
      // An `if:` without a status function is `success() && (...)`; continue-on-error keeps success().
      if (failed || (step.if !== undefined && !stepCondition(step.if, steps))) continue;
      const outputFile = path.join(scratch, `output-${index}`);
      await writeFile(outputFile, "");
      const script = path.join(scratch, `step-${index}.sh`);
      await writeFile(script, step.run);
      const run = await bash(shellArgs(step, script), cwd, { ...env, ...jobEnv, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile });
      const outcome = run.code === 0 ? "success" : "failure";
      steps.push({ id: step.id, outcome, ...run });
      if (step.id !== undefined) outputs[step.id] = parseOutputFile(await readFile(outputFile, "utf8"));
      if (outcome === "failure" && step["continue-on-error"] !== true) failed = true;
    }
    const stepContext = Object.fromEntries(Object.entries(outputs).flatMap(([id, values]) => Object.entries(values).map(([key, value]) => [`steps.${id}.outputs.${key}`, value])));
    const jobOutputs = Object.fromEntries(Object.entries(job.outputs ?? {}).map(([key, value]) => [key, substitute(value, stepContext, "")]));
    return { steps, outputs: jobOutputs, summary: await readFile(summaryFile, "utf8"), failed };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
