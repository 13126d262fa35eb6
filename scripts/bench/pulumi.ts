import type { BenchEmulator } from "./emulator";
import { PHASES, runSideBySide, type Contender, type Phase, type RunFigures } from "./side-by-side";

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

/**
 * Runs the four operations on our stack and on the floor's, side by side: each
 * phase runs both before the next phase starts, alternating which goes first,
 * so a slow spell on a shared machine weighs on both.
 */
export async function benchPulumi(options: PulumiBenchOptions): Promise<PulumiFigures> {
  const contender = (side: Side): Contender => ({
    program: PROGRAMS[side],
    env: { E2E_EXAMS_FILE: options.examsFile, ...options.env },
    changedEnv: { E2E_EXAMS_FILE: options.changedFile },
    resources: options.exams + 1, // The stack resource too.
    emulator: options.emulator,
    phases: Object.keys(PHASES) as Phase[],
    previewRepeats: options.previewRepeats,
  });
  // The floor first on the first turn, as it always was.
  const { phases, inspected } = await runSideBySide({ floor: contender("floor"), ours: contender("ours") }, options, async (stacks) => {
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
    return { exportBytes, serializedProvider, checkpointBytesPerExam };
  });
  const byPhase = Object.fromEntries((Object.keys(PHASES) as Phase[]).map((phase) => [phase, { ours: phases.ours[phase]!, floor: phases.floor[phase]! }]));
  return { phases: byPhase as PulumiFigures["phases"], ...inspected };
}
