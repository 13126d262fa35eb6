import { ProcessSampler, killDescendants, type RoleUsage } from "../lib/processes";
import { PulumiStack, type RunResult } from "../lib/pulumi-stack";
import type { BenchEmulator } from "./emulator";

/** The processes of one Pulumi run, told apart by command line. */
export const ROLES = {
  engine: /^pulumi (up|preview)\b/,
  // index.js: the plugin's launcher also runs a short `node -e "require.resolve('…/cmd/dynamic-provider')"`.
  program: /@pulumi\/pulumi\/cmd\/run\/index\.js/,
  provider: /@pulumi\/pulumi\/cmd\/dynamic-provider\/index\.js/,
  languageHost: /pulumi-language-nodejs/,
};
export type Role = keyof typeof ROLES;

export const PHASES = {
  create: "up, creating all",
  preview: "preview, nothing changed",
  unchanged: "up, nothing changed",
  oneChanged: "up, one exam changed",
} as const;
export type Phase = keyof typeof PHASES;

export interface RunFigures {
  /** Wall-clock seconds; for a repeated phase, of the median run. */
  seconds: number;
  /** Every run's seconds, when the phase was repeated. */
  samples: number[];
  /** Requests the emulator received during the run. */
  requests: number;
  usage: Record<Role, RoleUsage>;
}

export type Side = "ours" | "floor";

export interface PulumiFigures {
  phases: Record<Phase, Record<Side, RunFigures>>;
  /** `pulumi stack export` after the last phase, in bytes. */
  exportBytes: Record<Side, number>;
  /** The serialized provider text of one resource, in bytes, and how many copies one resource's state holds. */
  serializedProvider: Record<Side, { bytes: number; copiesPerResource: number; text: string }>;
  /**
   * One exam resource as the file backend writes it in every checkpoint (compact JSON), in bytes,
   * and the part of ours that is the outputs' `server` view (what Proctor answered), which the floor does not have.
   */
  checkpointBytesPerExam: Record<Side, number> & { serverView: number };
}

const EXAM_TYPES: Record<Side, string> = {
  ours: "pulumi-nodejs:dynamic/proctor:Exam",
  floor: "pulumi-nodejs:dynamic/noop:Exam",
};

const average = (values: number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

export interface PulumiBenchOptions {
  exams: number;
  /** E2E_EXAMS_FILE of the declared exams, and of the same exams with one edited. */
  examsFile: string;
  changedFile: string;
  emulator: BenchEmulator;
  /** Extra environment for every run (e.g. PULUMI_SKIP_CHECKPOINTS). */
  env: Record<string, string>;
  /** A run taking longer is killed and the bench fails: it must stop by itself. */
  runTimeoutMs: number;
  /** Runs of the no-change preview per side: its goal (5 %) is finer than one run's noise on a shared machine. */
  previewRepeats: number;
  log: (line: string) => void;
}

const PROGRAMS: Record<Side, string> = {
  ours: "scripts/lib/programs/exams/index.js",
  floor: "scripts/bench/noop/index.js",
};

/** What each phase must have done, so that a run that did something else is never reported as a figure. */
function expectedSummary(phase: Phase, exams: number): RegExp[] {
  const all = exams + 1; // The stack resource too.
  switch (phase) {
    case "create":
      return [new RegExp(`\\+ ${all} created`)];
    case "preview":
    case "unchanged":
      return [new RegExp(`\\b${all} unchanged`)];
    case "oneChanged":
      return [/~ 1 updated/, new RegExp(`\\b${exams} unchanged`)];
  }
}

async function timedRun(stack: PulumiStack, phase: Phase, env: Record<string, string>, timeoutMs: number): Promise<{ result: RunResult; seconds: number; usage: Record<Role, RoleUsage> }> {
  const sampler = new ProcessSampler(ROLES);
  const watchdog = setTimeout(() => killDescendants(ROLES.engine), timeoutMs);
  const started = performance.now();
  const result = await (phase === "preview" ? stack.preview(env) : stack.up(env));
  const seconds = (performance.now() - started) / 1000;
  clearTimeout(watchdog);
  return { result, seconds, usage: sampler.stop() as Record<Role, RoleUsage> };
}

/** The run of median duration, with every run's duration alongside. */
function medianRun(runs: RunFigures[]): RunFigures {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return { ...sorted[Math.floor(sorted.length / 2)], samples: runs.map((r) => r.seconds) };
}

/**
 * Runs the four operations on our stack and on the floor's, side by side: each
 * phase runs both before the next phase starts, alternating which goes first,
 * so a slow spell on a shared machine weighs on both.
 */
export async function benchPulumi(options: PulumiBenchOptions): Promise<PulumiFigures> {
  const { emulator } = options;
  const stacks = {} as Record<Side, PulumiStack>;
  try {
    for (const side of ["ours", "floor"] as const) {
      stacks[side] = await PulumiStack.create({
        program: PROGRAMS[side],
        config: { "proctor:url": emulator.url, "proctor:integrationName": emulator.integration },
        secrets: { "proctor:jwtSecret": emulator.secret },
        env: { E2E_EXAMS_FILE: options.examsFile, ...options.env },
      });
    }
    const phases = {} as PulumiFigures["phases"];
    let turn = 0;
    for (const phase of Object.keys(PHASES) as Phase[]) {
      const env: Record<string, string> = phase === "oneChanged" ? { E2E_EXAMS_FILE: options.changedFile } : {};
      const runs: Record<Side, RunFigures[]> = { ours: [], floor: [] };
      for (let repeat = 0; repeat < (phase === "preview" ? options.previewRepeats : 1); repeat++) {
        const order: Side[] = turn++ % 2 === 0 ? ["floor", "ours"] : ["ours", "floor"];
        for (const side of order) {
          const before = (await emulator.requests()).length;
          options.log(`${PHASES[phase]}: ${side}…`);
          const { result, seconds, usage } = await timedRun(stacks[side], phase, env, options.runTimeoutMs);
          const missing = expectedSummary(phase, options.exams).filter((re) => !re.test(result.output));
          if (result.code !== 0 || missing.length > 0) {
            throw new Error(`${PHASES[phase]} (${side}) exited with ${result.code}, expected ${missing.join(", ") || "success"}:\n${result.output.slice(-4000)}`);
          }
          runs[side].push({ seconds, samples: [], requests: (await emulator.requests()).length - before, usage });
          options.log(`${PHASES[phase]}: ${side} ${seconds.toFixed(1)} s`);
        }
      }
      phases[phase] = { ours: medianRun(runs.ours), floor: medianRun(runs.floor) };
    }
    const exportBytes = {} as Record<Side, number>;
    const serializedProvider = {} as PulumiFigures["serializedProvider"];
    for (const side of ["ours", "floor"] as const) {
      const { text, deployment } = await stacks[side].exportState();
      exportBytes[side] = Buffer.byteLength(text);
      const resource = (deployment.deployment.resources ?? []).find((r) => typeof r.outputs?.__provider === "string");
      if (!resource) throw new Error(`no resource with a serialized provider in the ${side} stack`);
      const providerText = resource.outputs!.__provider as string;
      const copies = [resource.inputs?.__provider, resource.outputs?.__provider].filter((p) => p === providerText).length;
      serializedProvider[side] = { bytes: Buffer.byteLength(providerText), copiesPerResource: copies, text: providerText };
    }
    const exams = { ours: await stacks.ours.resources(EXAM_TYPES.ours), floor: await stacks.floor.resources(EXAM_TYPES.floor) };
    const checkpointBytesPerExam = {
      ours: average(exams.ours.map((r) => Buffer.byteLength(JSON.stringify(r)))),
      floor: average(exams.floor.map((r) => Buffer.byteLength(JSON.stringify(r)))),
      serverView: average(exams.ours.map((r) => Buffer.byteLength(JSON.stringify({ server: r.outputs?.server })) - 2)),
    };
    return { phases, exportBytes, serializedProvider, checkpointBytesPerExam };
  } finally {
    for (const stack of Object.values(stacks)) await stack.cleanup();
  }
}
