import type { ConfigurationFigures, GranularityPoint } from "../../scripts/bench/granularity/figures";
import type { GranularityPhase, Program } from "../../scripts/bench/granularity/configurations";
import type { Role, RunFigures } from "../../scripts/bench/side-by-side";

// Bench figures made up for the granularity bench's tests: runs of a given length, and
// a size at which every goal of issue 19 is met.

export const MB = 1024 * 1024;
const ROLES: Role[] = ["engine", "program", "provider", "languageHost"];

export function run(seconds: number, { requests = 0, rssMB = 400, cpu = {} as Partial<Record<Role, number>> } = {}): RunFigures {
  const usage = Object.fromEntries(ROLES.map((role) => [role, { cpuSeconds: cpu[role] ?? 1, peakRssBytes: rssMB * MB, processes: 1 }]));
  return { seconds, samples: [seconds], requests, usage: usage as RunFigures["usage"] };
}

export function figures(program: Program, runs: Partial<Record<GranularityPhase, RunFigures>>, stateBytesPerExam?: number): ConfigurationFigures {
  const peak = (role: Role) => Math.max(...Object.values(runs).map((r) => r!.usage[role].peakRssBytes));
  return {
    program,
    checkpoints: "skipped",
    phases: runs,
    ...(stateBytesPerExam === undefined ? {} : { stateBytesPerExam }),
    peakRssBytes: Object.fromEntries(ROLES.map((role) => [role, peak(role)])) as Record<Role, number>,
  };
}

/** A size at which every goal is met: course 1 s a phase, the limit 0.9 s, the per-exam floor 10 s, exam granularity 10.5 s to create. */
export function healthy(exams: number): GranularityPoint {
  const all = (seconds: number) => ({ create: run(seconds), preview: run(seconds), oneChanged: run(seconds) });
  const configurations = {
    "course-skipped": figures("course", { create: run(1), preview: run(1), oneChanged: run(1, { requests: 1 }) }, 3000),
    "courseLimit-skipped": figures("courseLimit", all(0.9), 2600),
    "examFloor-skipped": figures("examFloor", all(10), 7000),
    "exam-skipped": figures("exam", { create: run(10.5) }),
  };
  return { exams, courses: Math.ceil(exams / 50), configurations };
}
