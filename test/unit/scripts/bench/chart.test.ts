import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { curveChart, type CurvePoint } from "../../../../scripts/bench/chart";
import type { PulumiFigures } from "../../../../scripts/bench/pulumi";
import { PHASES, type Phase, type RunFigures } from "../../../../scripts/bench/side-by-side";

function run(seconds: number): RunFigures {
  const usage = { cpuSeconds: 0, peakRssBytes: 0, processes: 1 };
  return { seconds, samples: [], requests: 0, usage: { engine: usage, program: usage, provider: usage, languageHost: usage } };
}

/** A point whose phases take `floor` seconds for the floor and `factor` times that for us. */
function point(exams: number, floor: number, factor: number): CurvePoint {
  const phases = Object.fromEntries((Object.keys(PHASES) as Phase[]).map((p) => [p, { ours: run(floor * factor), floor: run(floor) }]));
  return { exams, pulumi: { phases } as PulumiFigures };
}

describe("scripts/bench/chart", () => {
  it("the curve chart draws, for each phase, our line and the floor's through every size, labelled with the ratio", () => {
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
});
