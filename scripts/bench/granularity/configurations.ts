import type { Phase } from "../side-by-side";

/**
 * What `npm run bench -- --granularity course` measures: four programs over
 * the same exams (grouped into courses), each with or without checkpoints.
 * Ours at both granularities, and the two floors: what a user has without
 * course-level resources, and the least course-level resources can cost.
 */
export const PROGRAMS = {
  course: {
    label: "course granularity",
    describe: "new Catalogue(name, { files, granularity: \"course\" }): one ExamGroup per course (scripts/lib/programs/catalogue)",
    program: "scripts/lib/programs/catalogue/index.js",
  },
  courseLimit: {
    label: "course-level limit",
    describe:
      "scripts/bench/noop/course: one no-op resource per course holding each exam as one canonical JSON string, no diff method, " +
      "installed as node_modules/pulumi-proctor-noop-course: what course-level resources cost Pulumi itself",
    program: "scripts/bench/noop/course/index.js",
  },
  exam: {
    label: "exam granularity",
    describe: "one Exam per exam (scripts/lib/programs/exams), issue 10's program",
    program: "scripts/lib/programs/exams/index.js",
  },
  examFloor: {
    label: "per-exam floor",
    describe:
      "scripts/bench/noop: the per-exam program with a no-op provider, installed as node_modules/pulumi-proctor-noop: " +
      "what a user has without course-level resources",
    program: "scripts/bench/noop/index.js",
  },
} as const;
export type Program = keyof typeof PROGRAMS;

/** Whether the run sets PULUMI_SKIP_CHECKPOINTS=true (state saved once at the end) or keeps the engine's default. */
export type Checkpoints = "skipped" | "kept";

/** The operations of this bench, in the order they run on a stack. */
export const GRANULARITY_PHASES = ["create", "preview", "oneChanged"] as const satisfies readonly Phase[];
export type GranularityPhase = (typeof GRANULARITY_PHASES)[number];

export interface Configuration {
  program: Program;
  checkpoints: Checkpoints;
  phases: readonly GranularityPhase[];
  /** Whether its `pulumi stack export` is measured (bytes per exam) after its last phase. */
  state: boolean;
}

/** How a configuration is named in the JSON, the log and the chart (a CSS class too). */
export function configurationKey(c: Pick<Configuration, "program" | "checkpoints">): string {
  return `${c.program}-${c.checkpoints}`;
}

/**
 * The configurations of a run. By default only what the goals of issue 19
 * compare, everything with checkpoints skipped: course granularity, the
 * course-level limit and the per-exam floor in every phase, and exam
 * granularity's creating `up` only (its other phases cost minutes at 10,000
 * and no goal reads them). With `all`, every program with and without
 * checkpoints in every phase: per-exam stacks that keep checkpoints grow with
 * the square of their size, so that is for curves up to about 1,000.
 */
export function configurations(all: boolean): Configuration[] {
  if (all) {
    return (["skipped", "kept"] as const).flatMap((checkpoints) =>
      (Object.keys(PROGRAMS) as Program[]).map((program) => ({ program, checkpoints, phases: GRANULARITY_PHASES, state: true })),
    );
  }
  return [
    { program: "course", checkpoints: "skipped", phases: GRANULARITY_PHASES, state: true },
    { program: "courseLimit", checkpoints: "skipped", phases: GRANULARITY_PHASES, state: true },
    { program: "examFloor", checkpoints: "skipped", phases: GRANULARITY_PHASES, state: true },
    { program: "exam", checkpoints: "skipped", phases: ["create"], state: false },
  ];
}
