import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { configurationKey, configurations, type Configuration } from "../../../../../scripts/bench/granularity/configurations";
import type { GranularityPoint } from "../../../../../scripts/bench/granularity/figures";
import { granularityGoals } from "../../../../../scripts/bench/granularity/goals";
import { figures, healthy, run } from "../../../../harness/granularity-figures";

/** Figures for exactly what `chosen` measures, each phase and state it takes part in. */
function measured(chosen: Configuration[], exams: number): GranularityPoint {
  const base = healthy(exams).configurations;
  const configurations = Object.fromEntries(
    chosen.map((c) => {
      const key = configurationKey(c);
      const like = base[`${c.program}-skipped`];
      const phases = Object.fromEntries(c.phases.map((phase) => [phase, like.phases[phase] ?? run(1)]));
      return [key, { ...figures(c.program, phases, c.state ? (like.stateBytesPerExam ?? 7000) : undefined), checkpoints: c.checkpoints }];
    }),
  );
  return { exams, courses: Math.ceil(exams / 50), configurations };
}

describe("scripts/bench/granularity/configurations", () => {
  it("the default configurations measure every goal and no run more: leaving out any phase or state leaves a goal unmeasured", () => {
    const chosen = configurations(false);
    assert.ok(chosen.every((c) => c.checkpoints === "skipped"));
    assert.doesNotThrow(() => granularityGoals([measured(chosen, 10000)]));
    for (const c of chosen) {
      for (const phase of c.phases) {
        const fewer = chosen.map((other) => (other === c ? { ...other, phases: other.phases.filter((p) => p !== phase) } : other));
        assert.throws(() => granularityGoals([measured(fewer, 10000)]), /the goals need/, `${configurationKey(c)} ${phase} is read by a goal`);
      }
    }
    for (const program of ["course", "examFloor"] as const) {
      const fewer = chosen.map((c) => (c.program === program ? { ...c, state: false } : c));
      assert.throws(() => granularityGoals([measured(fewer, 10000)]), new RegExp(`the goals need .*state`), program);
    }
    const every = configurations(true);
    assert.equal(new Set(every.map(configurationKey)).size, 8, "four programs, with and without checkpoints");
    assert.ok(every.every((c) => c.phases.length === 3 && c.state));
    assert.doesNotThrow(() => granularityGoals([measured(every, 3000)]));
  });
});
