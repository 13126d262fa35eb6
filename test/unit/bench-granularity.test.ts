import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { loadCatalogue } from "../../provider/catalogue/load";
import { configurationKey, configurations, type Configuration, type GranularityPhase, type Program } from "../../scripts/bench/granularity/configurations";
import type { ConfigurationFigures, GranularityPoint } from "../../scripts/bench/granularity/figures";
import { goalSizes, granularityGoals, type GranularityGoal } from "../../scripts/bench/granularity/goals";
import { goalsTable } from "../../scripts/bench/granularity/report";
import type { Role, RunFigures } from "../../scripts/bench/side-by-side";
import { generatedExams, inCourses, writeCatalogueFile } from "../../scripts/lib/generated-exams";

const MB = 1024 * 1024;
const ROLES: Role[] = ["engine", "program", "provider", "languageHost"];

function run(seconds: number, { requests = 0, rssMB = 400, cpu = {} as Partial<Record<Role, number>> } = {}): RunFigures {
  const usage = Object.fromEntries(ROLES.map((role) => [role, { cpuSeconds: cpu[role] ?? 1, peakRssBytes: rssMB * MB, processes: 1 }]));
  return { seconds, samples: [seconds], requests, usage: usage as RunFigures["usage"] };
}

function figures(program: Program, runs: Partial<Record<GranularityPhase, RunFigures>>, stateBytesPerExam?: number): ConfigurationFigures {
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
function healthy(exams: number): GranularityPoint {
  const all = (seconds: number) => ({ create: run(seconds), preview: run(seconds), oneChanged: run(seconds) });
  const configurations = {
    "course-skipped": figures("course", { create: run(1), preview: run(1), oneChanged: run(1, { requests: 1 }) }, 3000),
    "courseLimit-skipped": figures("courseLimit", all(0.9), 2600),
    "examFloor-skipped": figures("examFloor", all(10), 7000),
    "exam-skipped": figures("exam", { create: run(10.5) }),
  };
  return { exams, courses: Math.ceil(exams / 50), configurations };
}

const at = (goals: GranularityGoal[], exams: number, name: RegExp): GranularityGoal => {
  const found = goals.filter((g) => g.exams === exams && name.test(g.name));
  assert.equal(found.length, 1, `one goal at ${exams} matching ${name}: ${found.map((g) => g.name).join("; ")}`);
  return found[0];
};

test("the goals table: every goal of issue 19 at the sizes it names, ✓ within its limit", () => {
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

test("the goals table: each figure past its limit is a ✗, and a missed time says which process spent the extra", () => {
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

test("a run without the sizes a goal names measures it at the run's largest, and says so", () => {
  assert.deepEqual(goalSizes([3000, 10000], [40, 80]), { sizes: [80], note: "stated at 3,000 and 10,000 exams; measured at 80, the run's largest" });
  assert.deepEqual(goalSizes([3000, 10000], [10000]), { sizes: [10000], note: "not measured at 3,000 exams" });
  assert.deepEqual(goalSizes([3000, 10000], [1000, 3000, 10000]), { sizes: [3000, 10000] });
  assert.deepEqual(goalSizes("largest", [1000, 3000]), { sizes: [3000] });
  const goals = granularityGoals([healthy(60)]);
  assert.equal(goals.length, 11);
  assert.ok(goals.every((g) => g.exams === 60));
  assert.match(goalsTable(goals).join("\n"), /course granularity vs the per-exam floor, both skipping checkpoints \(stated at 3,000 and 10,000 exams; measured at 60/);
});

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

test("the default configurations measure every goal and no run more: leaving out any phase or state leaves a goal unmeasured", () => {
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

test("the course program's catalogue file holds the per-exam programs' exams, grouped 50 to a course", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "bench-courses-"));
  try {
    const exams = inCourses(generatedExams(520, "bench"), 50);
    const loaded = loadCatalogue({ files: await writeCatalogueFile(exams, dir, "catalogue") });
    assert.deepEqual(
      loaded.map((e) => e.args),
      exams.map((e) => e.args),
    );
    const courses = new Map<string, number>();
    for (const { args } of loaded) courses.set(String(args.courseName), (courses.get(String(args.courseName)) ?? 0) + 1);
    assert.equal(courses.size, 11);
    assert.deepEqual([...courses.values()], [...Array(10).fill(50), 20]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
