import assert from "node:assert/strict";
import { test } from "node:test";
import { curveChart, type CurvePoint } from "../../scripts/bench/chart";
import { granularityChart } from "../../scripts/bench/granularity/chart";
import { GRANULARITY_PHASES, type GranularityPhase, type Program } from "../../scripts/bench/granularity/configurations";
import type { GranularityPoint } from "../../scripts/bench/granularity/figures";
import type { GranularityGoal } from "../../scripts/bench/granularity/goals";
import type { PulumiFigures } from "../../scripts/bench/pulumi";
import { PHASES, type Phase, type RunFigures } from "../../scripts/bench/side-by-side";

function run(seconds: number): RunFigures {
  const usage = { cpuSeconds: 0, peakRssBytes: 0, processes: 1 };
  return { seconds, samples: [], requests: 0, usage: { engine: usage, program: usage, provider: usage, languageHost: usage } };
}

/** A point whose phases take `floor` seconds for the floor and `factor` times that for us. */
function point(exams: number, floor: number, factor: number): CurvePoint {
  const phases = Object.fromEntries((Object.keys(PHASES) as Phase[]).map((p) => [p, { ours: run(floor * factor), floor: run(floor) }]));
  return { exams, pulumi: { phases } as PulumiFigures };
}

test("the curve chart draws, for each phase, our line and the floor's through every size, labelled with the ratio", () => {
  const svg = curveChart([point(1000, 100, 1.2), point(100, 10, 1.5), point(300, 30, 1.0)], "caption <test>");
  for (const phase of Object.values(PHASES)) assert.ok(svg.includes(`>${phase}</text>`), phase);
  const lines = [...svg.matchAll(/<polyline points="([^"]+)" class="line (ours|floor)"\/>/g)];
  assert.equal(lines.length, 2 * Object.keys(PHASES).length);
  for (const [, coords] of lines) {
    const xs = coords.split(" ").map((c) => Number(c.split(",")[0]));
    assert.equal(xs.length, 3, "one vertex per size");
    assert.deepEqual(xs, [...xs].sort((a, b) => a - b), "sizes in increasing order along x");
  }
  // Every phase is labelled with each size's ratio.
  for (const ratio of ["1.50×", "1.00×", "1.20×"]) assert.equal(svg.split(`>${ratio}</text>`).length - 1, Object.keys(PHASES).length, ratio);
  assert.ok(svg.includes("caption &lt;test&gt;"), "text is escaped");
});

/** A course-granularity size: course and the limit at `course` s, the per-exam floor at `floor` s, exam granularity creating only. */
function granularityPoint(exams: number, course: number, floor: number): GranularityPoint {
  const phases = (seconds: number, which: readonly GranularityPhase[] = GRANULARITY_PHASES) => Object.fromEntries(which.map((p) => [p, run(seconds)]));
  const figures = (program: Program, seconds: number, which?: readonly GranularityPhase[]) => ({
    program,
    checkpoints: "skipped" as const,
    phases: phases(seconds, which),
    stateBytesPerExam: 1000,
    peakRssBytes: { engine: 0, program: 0, provider: 0, languageHost: 0 },
  });
  return {
    exams,
    courses: exams / 50,
    configurations: {
      "course-skipped": figures("course", course),
      "courseLimit-skipped": figures("courseLimit", course),
      "examFloor-skipped": figures("examFloor", floor),
      "exam-skipped": figures("exam", floor, ["create"]),
    },
  };
}

test("the granularity chart draws every configuration's line per operation on a log scale, with the goals table under the panels", () => {
  // The per-exam floor at 1, 10 and 100 s: equal steps on a log scale, not on a linear one.
  const points = [granularityPoint(10000, 4, 100), granularityPoint(1000, 2, 1), granularityPoint(3000, 3, 10)];
  const goals: GranularityGoal[] = [
    { figure: "course granularity vs the per-exam floor <both>", exams: 10000, name: "up, creating all", value: 0.04, goal: "≤ 0.25", met: true, detail: "4.0 s ÷ 100.0 s" },
    { figure: "course granularity vs the course-level limit", exams: 10000, name: "preview", value: 1.5, goal: "≤ 1.3", met: false, detail: "6.0 s ÷ 4.0 s", where: "CPU s: provider" },
  ];
  const svg = granularityChart(points, goals, "caption");
  for (const phase of GRANULARITY_PHASES) assert.ok(svg.includes(`>${PHASES[phase]}</text>`), phase);
  const lines = [...svg.matchAll(/<polyline points="([^"]+)" class="line ([\w-]+)"\/>/g)].map(([, coords, key]) => ({ key, coords }));
  // Four configurations create; exam granularity takes no part in the other two operations.
  assert.deepEqual(
    lines.map((l) => l.key),
    ["course-skipped", "courseLimit-skipped", "examFloor-skipped", "exam-skipped", "course-skipped", "courseLimit-skipped", "examFloor-skipped", "course-skipped", "courseLimit-skipped", "examFloor-skipped"],
  );
  const ys = lines[2].coords.split(" ").map((c) => Number(c.split(",")[1]));
  assert.ok(Math.abs(ys[0] - ys[1] - (ys[1] - ys[2])) < 0.5, `1 → 10 → 100 s in equal steps: ${ys.join(", ")}`);
  for (const key of ["course-skipped", "courseLimit-skipped", "examFloor-skipped", "exam-skipped"]) assert.match(svg, new RegExp(`\\.line\\.${key} \\{ stroke: #`), key);
  // Course granularity's ratio to the per-exam floor at each size, in each operation.
  for (const ratio of ["2.00×", "0.30×", "0.04×"]) assert.equal(svg.split(`>${ratio}</text>`).length - 1, GRANULARITY_PHASES.length, ratio);
  assert.match(svg, /course granularity vs the per-exam floor &lt;both&gt;/);
  assert.match(svg, />  ✗ +10000 +preview +1\.50 +≤ 1\.3 +6\.0 s ÷ 4\.0 s<\/text>/);
  assert.doesNotMatch(svg, /CPU s: provider/, "where a miss goes stays in the printed report");
});
