import { chart, type Series } from "../chart";
import { PHASES } from "../side-by-side";
import { GRANULARITY_PHASES, configurationKey, type Checkpoints, type Program } from "./configurations";
import type { GranularityPoint } from "./figures";
import type { GranularityGoal } from "./goals";
import { configurationLabel, goalsTable } from "./report";

/** Ours solid, the floors dashed; checkpoints kept in other hues. */
const STYLES: Record<Checkpoints, Record<Program, { color: string; dashed: boolean }>> = {
  skipped: {
    course: { color: "#1f6feb", dashed: false },
    courseLimit: { color: "#54aeff", dashed: true },
    exam: { color: "#bc4c00", dashed: false },
    examFloor: { color: "#57606a", dashed: true },
  },
  kept: {
    course: { color: "#8250df", dashed: false },
    courseLimit: { color: "#c297ff", dashed: true },
    exam: { color: "#cf222e", dashed: false },
    examFloor: { color: "#8c959f", dashed: true },
  },
};

/**
 * Seconds against exams for each operation, one line per configuration, on a
 * log scale (per-exam and course-level stacks differ by orders of magnitude),
 * course granularity's ratio to the per-exam floor at each size, and issue 19's
 * goals table under the panels.
 */
export function granularityChart(points: readonly GranularityPoint[], goals: readonly GranularityGoal[], caption: string): string {
  const keys = [...new Set(points.flatMap((p) => Object.keys(p.configurations)))];
  const panels = GRANULARITY_PHASES.map((phase) => {
    const series: Series[] = keys.map((key) => {
      const sample = points.map((p) => p.configurations[key]).find((c) => c !== undefined)!;
      return {
        key,
        label: configurationLabel(sample),
        ...STYLES[sample.checkpoints][sample.program],
        points: points.flatMap((p) => {
          const run = p.configurations[key]?.phases[phase];
          return run ? [{ exams: p.exams, seconds: run.seconds }] : [];
        }),
      };
    });
    const seconds = (p: GranularityPoint, program: Program) => p.configurations[configurationKey({ program, checkpoints: "skipped" })]?.phases[phase]?.seconds;
    const labels = points.flatMap((p) => {
      const [course, floor, limit] = [seconds(p, "course"), seconds(p, "examFloor"), seconds(p, "courseLimit")];
      if (course === undefined || floor === undefined) return [];
      return [{ exams: p.exams, seconds: Math.max(course, limit ?? 0), text: `${(course / floor).toFixed(2)}×` }];
    });
    return { title: PHASES[phase], series, labels };
  });
  return chart({
    title: "Course-level resources against one resource per exam: seconds per Pulumi operation by catalogue size",
    panels,
    scale: "log",
    labelNote: { sample: "0.05×", text: "= course granularity ÷ per-exam floor (both skipping checkpoints) at that size" },
    columns: GRANULARITY_PHASES.length,
    // Where a miss goes is in the printed report and the JSON: too long a line for a chart.
    footer: ["Goals of issue 19, measured side by side in this run:", ...goalsTable(goals, { where: false })],
    caption,
  });
}
