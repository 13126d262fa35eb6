import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { goalSizes, granularityGoals, type GranularityGoal } from "../../../../../scripts/bench/granularity/goals";
import { goalsTable } from "../../../../../scripts/bench/granularity/report";
import { healthy, MB, run } from "../../../../harness/granularity-figures";

const at = (goals: GranularityGoal[], exams: number, name: RegExp): GranularityGoal => {
  const found = goals.filter((g) => g.exams === exams && name.test(g.name));
  assert.equal(found.length, 1, `one goal at ${exams} matching ${name}: ${found.map((g) => g.name).join("; ")}`);
  return found[0];
};

describe("scripts/bench/granularity/goals", () => {
  it("the goals table: every goal of issue 19 at the sizes it names, ✓ within its limit", () => {
    const goals = granularityGoals([healthy(1000), healthy(3000), healthy(10000)]);
    assert.deepEqual(
      goals.map((g) => `${g.exams} ${g.goal}`),
      [
        ...["3000", "10000"].flatMap((n) => [`${n} ≤ 0.25`, `${n} ≤ 0.15`, `${n} ≤ 0.15`, `${n} = 1`]),
        "10000 ≤ 1.3",
        "10000 ≤ 1.3",
        "10000 ≤ 1.3",
        "10000 ≤ 1.1",
        "10000 ≤ 1",
        "10000 ≤ 1024",
        "10000 ≤ 1024",
      ],
    );
    assert.ok(goals.every((g) => g.met && g.note === undefined && g.where === undefined), JSON.stringify(goals.filter((g) => !g.met)));
    assert.equal(at(goals, 3000, /creating all: course granularity ÷ per-exam floor/).value, 0.1);
    assert.equal(at(goals, 10000, /preview.*course-level limit/).detail, "1.0 s ÷ 0.9 s");
    assert.equal(at(goals, 10000, /stack export bytes/).value, 3000 / 7000);
  });

  it("the goals table: each figure past its limit is a ✗, and a missed time says which process spent the extra", () => {
    const point = healthy(10000);
    const course = point.configurations["course-skipped"];
    course.phases.create = run(2.6, { cpu: { provider: 2.5 } });
    course.phases.oneChanged = run(1, { requests: 2 });
    course.phases.preview = run(1.2);
    point.configurations["courseLimit-skipped"].phases.preview = run(0.9);
    point.configurations["exam-skipped"].phases.create = run(11.1);
    course.stateBytesPerExam = 7001;
    course.peakRssBytes.provider = 1025 * MB;
    const goals = granularityGoals([point]);
    const missed = goals.filter((g) => !g.met).map((g) => g.name);
    assert.deepEqual(missed, [
      "up, creating all: course granularity ÷ per-exam floor",
      "up, one exam changed: requests sent, course granularity",
      "up, creating all: course granularity ÷ course-level limit",
      "preview, nothing changed: course granularity ÷ course-level limit",
      "up, creating all: exam granularity ÷ per-exam floor",
      "stack export bytes per exam: course granularity ÷ per-exam floor",
      "provider process peak RSS, course granularity, MB",
    ]);
    assert.match(at(goals, 10000, /creating all: course granularity ÷ per-exam floor/).where!, /provider 2\.5\/1\.0.*most over: provider \(\+1\.5 s\)/);
    assert.equal(at(goals, 10000, /requests sent/).detail, "2 requests");
    const text = goalsTable(goals).join("\n");
    assert.match(text, /✗ +10000 +up, creating all: course granularity ÷ per-exam floor +0\.26 +≤ 0\.25 +2\.6 s ÷ 10\.0 s/);
    assert.match(text, /where: CPU s, course granularity \/ per-exam floor/);
    assert.doesNotMatch(goalsTable(goals, { where: false }).join("\n"), /where:/);
  });

  it("a run without the sizes a goal names measures it at the run's largest, and says so", () => {
    assert.deepEqual(goalSizes([3000, 10000], [40, 80]), { sizes: [80], note: "stated at 3,000 and 10,000 exams; measured at 80, the run's largest" });
    assert.deepEqual(goalSizes([3000, 10000], [10000]), { sizes: [10000], note: "not measured at 3,000 exams" });
    assert.deepEqual(goalSizes([3000, 10000], [1000, 3000, 10000]), { sizes: [3000, 10000] });
    assert.deepEqual(goalSizes("largest", [1000, 3000]), { sizes: [3000] });
    const goals = granularityGoals([healthy(60)]);
    assert.equal(goals.length, 11);
    assert.ok(goals.every((g) => g.exams === 60));
    assert.match(goalsTable(goals).join("\n"), /course granularity vs the per-exam floor, both skipping checkpoints \(stated at 3,000 and 10,000 exams; measured at 60/);
  });
});
