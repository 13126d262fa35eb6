import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { granularityChart } from "../../../../../scripts/bench/granularity/chart";
import { GRANULARITY_PHASES, type GranularityPhase, type Program } from "../../../../../scripts/bench/granularity/configurations";
import type { GranularityPoint } from "../../../../../scripts/bench/granularity/figures";
import type { GranularityGoal } from "../../../../../scripts/bench/granularity/goals";
import { PHASES } from "../../../../../scripts/bench/side-by-side";
import { run } from "../../../../harness/granularity-figures";

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

describe("scripts/bench/granularity/chart", () => {
  it("the granularity chart draws every configuration's line per operation on a log scale, with the goals table under the panels", () => {
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
});
