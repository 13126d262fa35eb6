import type { Goal } from "../goals";
import { PHASES, ROLES, type Role, type RunFigures } from "../side-by-side";
import { GRANULARITY_PHASES, PROGRAMS, configurationKey, type GranularityPhase, type Program } from "./configurations";
import type { ConfigurationFigures, GranularityPoint } from "./figures";

/** One goal of issue 19 at one catalogue size. */
export interface GranularityGoal extends Goal {
  /** The row of the goals table it belongs to. */
  figure: string;
  /** The catalogue size it was measured at. */
  exams: number;
  /** The figures behind the value, e.g. "6.9 s ÷ 251.2 s". */
  detail: string;
  /** Set when the run did not measure every size the goal names. */
  note?: string;
  /** For a missed goal: where the difference goes (CPU by process, peak memory by phase). */
  where?: string;
}

const MB = 1024 * 1024;
const GB = 1024 * MB;

type Row = Omit<GranularityGoal, "figure" | "exams" | "note">;

interface Rule {
  figure: string;
  /** The sizes the issue states the goal at; "largest" when it names none. */
  sizes: readonly number[] | "largest";
  rows: (point: GranularityPoint) => Row[];
}

const s = (n: number): string => n.toFixed(1);
const label = (program: Program): string => PROGRAMS[program].label;

/** A configuration of the goals: every one of them skips checkpoints. */
function figuresOf(point: GranularityPoint, program: Program): ConfigurationFigures {
  const figures = point.configurations[configurationKey({ program, checkpoints: "skipped" })];
  if (!figures) throw new Error(`the goals need ${label(program)} (checkpoints skipped) at ${point.exams} exams, which this run did not measure`);
  return figures;
}

function runOf(point: GranularityPoint, program: Program, phase: GranularityPhase): RunFigures {
  const run = figuresOf(point, program).phases[phase];
  if (!run) throw new Error(`the goals need ${label(program)}'s "${PHASES[phase]}" at ${point.exams} exams, which this run did not measure`);
  return run;
}

/** CPU seconds of each process on both sides, and which one spent the most over the other side. */
function cpuWhere(ours: RunFigures, base: RunFigures, oursName: Program, baseName: Program): string {
  const roles = Object.keys(ROLES) as Role[];
  const over = roles.map((role) => ({ role, cpu: ours.usage[role].cpuSeconds - base.usage[role].cpuSeconds })).sort((a, b) => b.cpu - a.cpu)[0];
  return (
    `CPU s, ${label(oursName)} / ${label(baseName)}: ` +
    roles.map((role) => `${role} ${s(ours.usage[role].cpuSeconds)}/${s(base.usage[role].cpuSeconds)}`).join(", ") +
    (over.cpu > 0 ? `; most over: ${over.role} (+${s(over.cpu)} s)` : "; no process spent more CPU than its counterpart: the extra time is waiting, not computing")
  );
}

function timeRatio(point: GranularityPoint, ours: Program, base: Program, phase: GranularityPhase, limit: number): Row {
  const [a, b] = [runOf(point, ours, phase), runOf(point, base, phase)];
  const value = a.seconds / b.seconds;
  const met = value <= limit;
  return {
    name: `${PHASES[phase]}: ${label(ours)} ÷ ${label(base)}`,
    value,
    goal: `≤ ${limit}`,
    met,
    detail: `${s(a.seconds)} s ÷ ${s(b.seconds)} s`,
    ...(met ? {} : { where: cpuWhere(a, b, ours, base) }),
  };
}

function oneRequest(point: GranularityPoint): Row {
  const requests = runOf(point, "course", "oneChanged").requests;
  return {
    name: `${PHASES.oneChanged}: requests sent, ${label("course")}`,
    value: requests,
    goal: "= 1",
    met: requests === 1,
    detail: `${requests} ${requests === 1 ? "request" : "requests"}`,
  };
}

function stateBytes(point: GranularityPoint): Row {
  const bytes = (program: Program): number => {
    const perExam = figuresOf(point, program).stateBytesPerExam;
    if (perExam === undefined) throw new Error(`the goals need ${label(program)}'s state at ${point.exams} exams, which this run did not measure`);
    return perExam;
  };
  const [ours, floor] = [bytes("course"), bytes("examFloor")];
  return {
    name: `stack export bytes per exam: ${label("course")} ÷ ${label("examFloor")}`,
    value: ours / floor,
    goal: "≤ 1",
    met: ours <= floor,
    detail: `${(ours / 1024).toFixed(2)} KB ÷ ${(floor / 1024).toFixed(2)} KB`,
  };
}

function peakRss(point: GranularityPoint, role: Role): Row {
  const figures = figuresOf(point, "course");
  const peak = figures.peakRssBytes[role];
  const met = peak <= GB;
  const byPhase = GRANULARITY_PHASES.filter((phase) => figures.phases[phase]).map((phase) => `${phase} ${(figures.phases[phase]!.usage[role].peakRssBytes / MB).toFixed(0)} MB`);
  return {
    name: `${role} process peak RSS, ${label("course")}, MB`,
    value: peak / MB,
    goal: "≤ 1024",
    met,
    detail: `${(peak / MB).toFixed(0)} MB`,
    ...(met ? {} : { where: `peak by phase: ${byPhase.join(", ")}` }),
  };
}

/** Issue 19's goals table, row by row: every comparison is between configurations measured side by side in one run. */
export const RULES: readonly Rule[] = [
  {
    figure: "course granularity vs the per-exam floor, both skipping checkpoints",
    sizes: [3000, 10000],
    rows: (point) => [
      timeRatio(point, "course", "examFloor", "create", 0.25),
      timeRatio(point, "course", "examFloor", "preview", 0.15),
      timeRatio(point, "course", "examFloor", "oneChanged", 0.15),
      oneRequest(point),
    ],
  },
  {
    figure: "course granularity vs the course-level limit, both skipping checkpoints",
    sizes: [10000],
    rows: (point) => GRANULARITY_PHASES.map((phase) => timeRatio(point, "course", "courseLimit", phase, 1.3)),
  },
  {
    figure: "exam granularity vs the per-exam floor, both skipping checkpoints, creating",
    sizes: [10000],
    rows: (point) => [timeRatio(point, "exam", "examFloor", "create", 1.1)],
  },
  { figure: "state bytes per exam, course granularity vs the per-exam floor", sizes: "largest", rows: (point) => [stateBytes(point)] },
  {
    figure: "program and provider peak RSS, course granularity",
    sizes: [10000],
    rows: (point) => [peakRss(point, "program"), peakRss(point, "provider")],
  },
];

const count = (n: number): string => n.toLocaleString("en-US");

/**
 * Where a goal is measured in a run of these sizes: the sizes it names that
 * were run; if none was, the run's largest stands in (a small run still shows
 * every goal), and the note says so; a named size left out is noted too.
 */
export function goalSizes(named: Rule["sizes"], measured: readonly number[]): { sizes: number[]; note?: string } {
  const largest = Math.max(...measured);
  if (named === "largest") return { sizes: [largest] };
  const present = named.filter((n) => measured.includes(n));
  const missing = named.filter((n) => !measured.includes(n));
  if (present.length === 0) return { sizes: [largest], note: `stated at ${named.map(count).join(" and ")} exams; measured at ${count(largest)}, the run's largest` };
  return missing.length === 0 ? { sizes: present } : { sizes: present, note: `not measured at ${missing.map(count).join(" and ")} exams` };
}

/** Every goal of issue 19 at the sizes it applies to, with its value and ✓ or ✗. */
export function granularityGoals(points: readonly GranularityPoint[]): GranularityGoal[] {
  const bySize = new Map(points.map((p) => [p.exams, p]));
  return RULES.flatMap((rule) => {
    const { sizes, note } = goalSizes(rule.sizes, [...bySize.keys()]);
    return sizes.flatMap((exams) => rule.rows(bySize.get(exams)!).map((row) => ({ figure: rule.figure, exams, ...row, ...(note ? { note } : {}) })));
  });
}
