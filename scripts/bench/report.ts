import type { CatalogueFigures } from "./catalogue";
import type { ClientFigures } from "./client";
import { CLIENT_GOAL, MEMORY_GOALS, PHASE_GOALS, STATE_GOAL, memoryRatio, peakRss, ratio, type Goal } from "./goals";
import type { PulumiFigures } from "./pulumi";
import { PHASES, ROLES, type Phase, type Role } from "./side-by-side";
import { table } from "./table";

/** One catalogue size: the Pulumi phases side by side with the floor, and the naive sync. */
export interface BenchPoint {
  exams: number;
  pulumi: PulumiFigures;
  naiveSync: { requests: number; seconds: number };
  goals: Goal[];
  findings: string[];
}

/** Everything one bench run measured: printed as tables, written as JSON. */
export interface BenchResult {
  meta: {
    sizes: number[];
    date: string;
    node: string;
    pulumi: string;
    cpus: number;
    parallel: string;
    checkpoints: boolean;
    totalSeconds: number;
  };
  /** What the floor is, in words. */
  floor: string;
  points: BenchPoint[];
  client: ClientFigures;
  catalogue: CatalogueFigures;
  /** The goals measured once a run (client, catalogue load). */
  goals: Goal[];
}

const MB = 1024 * 1024;

/** For each figure that misses its goal, which process spent the extra, and why that is likely. */
export function findingsOf(pulumi: PulumiFigures): string[] {
  const findings: string[] = [];
  const perExam = pulumi.checkpointBytesPerExam;
  for (const phase of Object.keys(PHASES) as Phase[]) {
    const r = ratio(pulumi, phase);
    if (r <= PHASE_GOALS[phase]) continue;
    const { ours, floor } = pulumi.phases[phase];
    const extra = (Object.keys(ROLES) as Role[])
      .map((role) => ({ role, cpu: ours.usage[role].cpuSeconds - floor.usage[role].cpuSeconds }))
      .sort((a, b) => b.cpu - a.cpu);
    const wall = ours.seconds - floor.seconds;
    const line =
      `${PHASES[phase]}: ${r.toFixed(2)}× the floor (goal ≤ ${PHASE_GOALS[phase]}), ${wall.toFixed(1)} s slower; CPU over the floor by process: ` +
      extra.map((e) => `${e.role} ${e.cpu >= 0 ? "+" : ""}${e.cpu.toFixed(1)} s`).join(", ") +
      `. Dominant: ${extra[0].role}.`;
    // Explain every process that carries a real share of the extra CPU, not only the largest.
    const total = extra.reduce((sum, e) => sum + Math.max(0, e.cpu), 0);
    const why = extra.filter((e) => e.cpu > 0.25 * total).map((e) => explain(e.role, phase, perExam));
    findings.push([line, ...why].join(" "));
  }
  for (const [role, limit] of Object.entries(MEMORY_GOALS) as [Role, number][]) {
    const r = memoryRatio(pulumi, role);
    if (r <= limit) continue;
    findings.push(
      `${role} process: ${mb(peakRss(pulumi, "ours", role))} MB peak against the floor's ${mb(peakRss(pulumi, "floor", role))} MB (${r.toFixed(2)}×, goal ≤ ${limit}). ` +
        (role === "provider"
          ? "Ours holds its package (zod and the schema; undici and jose once it sends) and makes more garbage per exam in check and diff (validation, body size, the reset check); the peak of either side also moves by ±25 MB from run to run with garbage-collection timing."
          : "Per exam the program holds the examId claim (a promise) and the larger outputs the engine returns."),
    );
  }
  return findings;
}

function explain(role: Role, phase: Phase, perExam: PulumiFigures["checkpointBytesPerExam"]): string {
  const size =
    `an exam takes ${(perExam.ours / 1024).toFixed(2)} KB of state for us vs ${(perExam.floor / 1024).toFixed(2)} KB for the floor (${(perExam.ours / perExam.floor).toFixed(2)}×), ` +
    `the outputs' server view ${(perExam.serverView / 1024).toFixed(2)} KB of it.`;
  if (role === "engine" && phase === "create") {
    return `Engine: the file backend rewrites the whole checkpoint at every resource step, so its cost is quadratic in N and linear in state size: ${size}`;
  }
  if (role === "engine") return `Engine: it reads, decodes and diffs the larger state: ${size}`;
  if (role === "provider") {
    return "Provider process: loading our package on the first call (zod and the schema; undici and jose only when something is sent), validating every exam once in check, and signing and sending the upserts.";
  }
  if (role === "program") {
    return "Program: it loads none of zod, undici and jose (test/integration/provider/index.test.ts); per exam it holds the examId claim (a promise) and decodes the exam's outputs (about 10 % more than the floor's) from the engine.";
  }
  return `${role}: the same code runs in both stacks.`;
}

// ---- Rendering ----------------------------------------------------------------

const s = (n: number, digits = 1): string => n.toFixed(digits);
const mb = (bytes: number): string => (bytes / MB).toFixed(0);
const kb = (bytes: number): string => (bytes / 1024).toFixed(2);
const mark = (met: boolean): string => (met ? "✓" : "✗ miss");

function renderPoint(point: BenchPoint): string {
  const { pulumi, naiveSync, exams: n } = point;
  const phaseRows = [["Pulumi operation", "ours s", "floor s", "ratio", "goal", "requests", "CPU s, ours/floor: engine", "program", "provider"]];
  for (const phase of Object.keys(PHASES) as Phase[]) {
    const { ours, floor } = pulumi.phases[phase];
    const cpu = (role: Role) => `${s(ours.usage[role].cpuSeconds)}/${s(floor.usage[role].cpuSeconds)}`;
    const r = ours.seconds / floor.seconds;
    phaseRows.push([PHASES[phase], s(ours.seconds), s(floor.seconds), s(r, 2), `≤ ${PHASE_GOALS[phase]} ${mark(r <= PHASE_GOALS[phase])}`, String(ours.requests), cpu("engine"), cpu("program"), cpu("provider")]);
  }
  const spread = (Object.keys(PHASES) as Phase[])
    .filter((phase) => pulumi.phases[phase].ours.samples.length > 1)
    .map((phase) => {
      const range = (xs: number[]) => `${s(Math.min(...xs))}–${s(Math.max(...xs))} s`;
      const { ours, floor } = pulumi.phases[phase];
      return `${PHASES[phase]}: median of ${ours.samples.length} runs each, alternating; ours ${range(ours.samples)}, floor ${range(floor.samples)}`;
    });
  const one = pulumi.phases.oneChanged.ours;
  const syncRows = [
    [`Sync of ${n} exams, one changed`, "requests", "seconds"],
    ["naive cron script (POSTs every exam every run)", String(naiveSync.requests), s(naiveSync.seconds)],
    ["pulumi up (one exam changed)", String(one.requests), s(one.seconds)],
  ];
  const provider = pulumi.serializedProvider;
  const exportRatio = pulumi.exportBytes.ours / pulumi.exportBytes.floor;
  const stateRows = [
    ["State", "ours", "floor", "ratio"],
    ["pulumi stack export, KB per exam", kb(pulumi.exportBytes.ours / n), kb(pulumi.exportBytes.floor / n), `${s(exportRatio, 2)} ${mark(exportRatio <= STATE_GOAL)} (≤ ${STATE_GOAL})`],
    ["serialized provider, bytes per exam (goal < 1024)", String(provider.ours.bytes * provider.ours.copiesPerResource), String(provider.floor.bytes * provider.floor.copiesPerResource), ""],
    ["one exam in each checkpoint (compact JSON), KB", kb(pulumi.checkpointBytesPerExam.ours), kb(pulumi.checkpointBytesPerExam.floor), ""],
    ["  of which the outputs' server view, KB", kb(pulumi.checkpointBytesPerExam.serverView), "-", ""],
  ];
  const memoryRows = [[`Peak RSS over all runs, MB (${n} exams)`, "ours", "floor", "ratio"]];
  for (const role of ["provider", "program", "engine"] as const) {
    const limit = MEMORY_GOALS[role];
    const r = memoryRatio(pulumi, role);
    memoryRows.push([`${role} process`, mb(peakRss(pulumi, "ours", role)), mb(peakRss(pulumi, "floor", role)), `${s(r, 2)}${limit === undefined ? "" : ` ${mark(r <= limit)} (≤ ${limit})`}`]);
  }
  return [
    `== ${n} exams ==`,
    table(phaseRows, ["l", "r", "r", "r", "l", "r", "r", "r", "r"]),
    ...spread,
    "",
    table(syncRows, ["l", "r", "r"]),
    "",
    table(stateRows, ["l", "r", "r", "l"]),
    "",
    table(memoryRows, ["l", "r", "r", "l"]),
    `provider peak by phase, MB ours/floor: ${(Object.keys(PHASES) as Phase[])
      .map((phase) => `${phase} ${mb(pulumi.phases[phase].ours.usage.provider.peakRssBytes)}/${mb(pulumi.phases[phase].floor.usage.provider.peakRssBytes)}`)
      .join(", ")}`,
    ...(point.findings.length > 0 ? ["", "Where we miss, and what dominates:", ...point.findings.map((f) => `  - ${f}`)] : []),
  ].join("\n");
}

/** How every ratio moves with N: one column per catalogue size. */
function renderCurve(points: BenchPoint[]): string {
  const header = ["ratio to floor, by exams", ...points.map((p) => String(p.exams)), "goal"];
  const rows = [header];
  for (const phase of Object.keys(PHASES) as Phase[]) {
    rows.push([PHASES[phase], ...points.map((p) => s(ratio(p.pulumi, phase), 2)), `≤ ${PHASE_GOALS[phase]}`]);
  }
  rows.push(["stack export bytes", ...points.map((p) => s(p.pulumi.exportBytes.ours / p.pulumi.exportBytes.floor, 2)), `≤ ${STATE_GOAL}`]);
  for (const [role, limit] of Object.entries(MEMORY_GOALS) as [Role, number][]) {
    rows.push([`${role} peak RSS`, ...points.map((p) => s(memoryRatio(p.pulumi, role), 2)), `≤ ${limit}`]);
  }
  const seconds = [["seconds, ours / floor", ...points.map((p) => String(p.exams)), ""]];
  for (const phase of Object.keys(PHASES) as Phase[]) {
    seconds.push([PHASES[phase], ...points.map((p) => `${s(p.pulumi.phases[phase].ours.seconds)}/${s(p.pulumi.phases[phase].floor.seconds)}`), ""]);
  }
  const align: ("l" | "r")[] = ["l", ...points.map(() => "r" as const), "l"];
  return ["== curve ==", table(rows, align), "", table(seconds, align)].join("\n");
}

export function renderReport(result: BenchResult): string {
  const { client, catalogue, meta, points } = result;
  const clientRatio = client.ours.perSecond / client.bare.perSecond;
  const clientRows = [
    [`Client, ${client.concurrency} in flight, ${client.ours.upserts} upserts a round, median of ${client.rounds}`, "upserts/s", "client CPU ms/upsert"],
    ["provider/proctor/client.ts upsertExam (fresh HS256 token each)", s(client.ours.perSecond, 0), s(client.ours.clientCpuMsPerUpsert, 3)],
    ["bare undici POST, one fixed Authorization header", s(client.bare.perSecond, 0), s(client.bare.clientCpuMsPerUpsert, 3)],
    [`ratio (goal ≥ ${CLIENT_GOAL})`, `${s(clientRatio, 2)} ${mark(clientRatio >= CLIENT_GOAL)}`, ""],
    ["signing one token alone (provider/proctor/token.ts)", "", s(client.signCpuMsPerToken, 3)],
  ];
  const stageNames = { node: "Node alone (the floor)", parse: "read and parse the file", load: "loadCatalogue: parse, merge, validate every exam" };
  const catalogueRows = [
    [`Catalogue of ${catalogue.exams} exams (${catalogue.accounts} accounts × ${catalogue.coursesPerAccount} courses, ${kb(catalogue.fileBytes)} KB), no Pulumi`, "seconds", "peak RSS MB"],
    ...(Object.keys(stageNames) as (keyof typeof stageNames)[]).map((stage) => [stageNames[stage], s(catalogue.stages[stage].seconds, 2), mb(catalogue.stages[stage].peakRssBytes)]),
  ];
  const goals = [...points.flatMap((p) => p.goals.map((g) => ({ ...g, name: `${p.exams} exams: ${g.name}` }))), ...result.goals];
  return [
    `pulumi-proctor bench: ${meta.sizes.join(", ")} exams; pulumi ${meta.pulumi}, node ${meta.node}, ${meta.cpus} CPUs, --parallel ${meta.parallel}, ` +
      `checkpoints ${meta.checkpoints ? "on (the default)" : "skipped (PULUMI_SKIP_CHECKPOINTS)"}; ${s(meta.totalSeconds / 60)} min`,
    `Floor: ${result.floor}`,
    "",
    ...points.flatMap((p) => [renderPoint(p), ""]),
    ...(points.length > 1 ? [renderCurve(points), ""] : []),
    table(clientRows, ["l", "r", "r"]),
    "",
    table(catalogueRows, ["l", "r", "r"]),
    "",
    "Goals:",
    ...goals.map((g) => `  ${g.met ? "✓" : "✗"} ${g.name}: ${s(g.value, 2)} (goal ${g.goal})`),
  ].join("\n");
}
