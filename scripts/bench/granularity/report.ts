import { table } from "../table";
import { PROGRAMS, type Checkpoints, type Program } from "./configurations";
import type { ConfigurationFigures, GranularityPoint } from "./figures";
import type { GranularityGoal } from "./goals";

/** Everything a `--granularity course` run measured: printed as tables, written as JSON. */
export interface GranularityResult {
  meta: {
    sizes: number[];
    courseSize: number;
    /** The configurations measured, by configurationKey. */
    configurations: string[];
    date: string;
    node: string;
    pulumi: string;
    cpus: number;
    totalSeconds: number;
  };
  /** What each program is, in words. */
  programs: Record<Program, string>;
  points: GranularityPoint[];
  goals: GranularityGoal[];
}

const MB = 1024 * 1024;
const s = (n: number): string => n.toFixed(1);

/** A configuration as the tables and the chart name it. */
export function configurationLabel(c: { program: Program; checkpoints: Checkpoints }): string {
  return `${PROGRAMS[c.program].label}${c.checkpoints === "kept" ? ", checkpoints kept" : ""}`;
}

/** Issue 19's goals table as lines of text: each figure's heading, then its rows with ✓ or ✗, the notes and, for a miss, where it goes. */
export function goalsTable(goals: readonly GranularityGoal[], { where = true } = {}): string[] {
  const value = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(n >= 100 ? 0 : 2));
  const rows = goals.map((g) => [g.met ? "✓" : "✗", String(g.exams), g.name, value(g.value), g.goal, g.detail]);
  const lines = table([["", "exams", "figure", "value", "goal", "measured"], ...rows], ["l", "r", "l", "r", "l", "l"]).split("\n");
  const out = [`  ${lines[0]}`];
  goals.forEach((goal, i) => {
    // A rule's note is the same on each of its rows: said once, on its heading.
    if (i === 0 || goals[i - 1].figure !== goal.figure) out.push(goal.note ? `${goal.figure} (${goal.note})` : goal.figure);
    out.push(`  ${lines[i + 1]}`);
    if (where && goal.where) out.push(`      where: ${goal.where}`);
  });
  return out;
}

function phaseCell(figures: ConfigurationFigures, phase: keyof ConfigurationFigures["phases"]): string {
  const run = figures.phases[phase];
  if (!run) return "-";
  return run.samples.length > 1 ? `${s(run.seconds)} (${s(Math.min(...run.samples))}–${s(Math.max(...run.samples))})` : s(run.seconds);
}

function renderPoint(point: GranularityPoint): string {
  const rows = [["configuration", "create s", "preview s", "one change s", "requests create/one", "state KB/exam", "peak RSS MB program/provider/engine"]];
  for (const figures of Object.values(point.configurations)) {
    const requests = [figures.phases.create?.requests, figures.phases.oneChanged?.requests].map((n) => (n === undefined ? "-" : String(n))).join("/");
    const rss = (["program", "provider", "engine"] as const).map((role) => (figures.peakRssBytes[role] / MB).toFixed(0)).join("/");
    rows.push([
      configurationLabel(figures),
      phaseCell(figures, "create"),
      phaseCell(figures, "preview"),
      phaseCell(figures, "oneChanged"),
      requests,
      figures.stateBytesPerExam === undefined ? "-" : (figures.stateBytesPerExam / 1024).toFixed(2),
      rss,
    ]);
  }
  return [`== ${point.exams} exams, ${point.courses} courses ==`, table(rows, ["l", "r", "r", "r", "r", "r", "r"])].join("\n");
}

export function renderGranularityReport(result: GranularityResult): string {
  const { meta } = result;
  const checkpoints = meta.configurations.some((key) => key.endsWith("-kept")) ? "with and without PULUMI_SKIP_CHECKPOINTS" : "PULUMI_SKIP_CHECKPOINTS=true";
  return [
    `pulumi-proctor bench, course granularity: ${meta.sizes.join(", ")} exams in courses of ${meta.courseSize}; pulumi ${meta.pulumi}, node ${meta.node}, ` +
      `${meta.cpus} CPUs; ${checkpoints}; ${s(meta.totalSeconds / 60)} min`,
    ...(Object.keys(result.programs) as Program[]).map((program) => `${PROGRAMS[program].label}: ${result.programs[program]}`),
    "A repeated preview shows its median, the range in brackets.",
    "",
    ...result.points.flatMap((point) => [renderPoint(point), ""]),
    "Goals of issue 19 (every ratio between configurations measured side by side in this run, all skipping checkpoints):",
    ...goalsTable(result.goals),
  ].join("\n");
}
