import type { ClientFigures } from "./client";
import { PHASES, ROLES, type Phase, type PulumiFigures, type Role } from "./pulumi";

/** Everything one bench run measured: printed as a table, written as JSON. */
export interface BenchResult {
  meta: {
    exams: number;
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
  pulumi: PulumiFigures;
  naiveSync: { requests: number; seconds: number };
  client: ClientFigures;
  goals: Goal[];
  findings: string[];
}

export interface Goal {
  name: string;
  value: number;
  goal: string;
  met: boolean;
}

const MB = 1024 * 1024;

export function ratio(figures: PulumiFigures, phase: Phase): number {
  return figures.phases[phase].ours.seconds / figures.phases[phase].floor.seconds;
}

export function goalsOf(pulumi: PulumiFigures, client: ClientFigures, exams: number): Goal[] {
  const provider = pulumi.serializedProvider.ours;
  const providerPeak = Math.max(...Object.values(pulumi.phases).map((p) => p.ours.usage.provider.peakRssBytes));
  const clientRatio = client.ours.perSecond / client.bare.perSecond;
  return [
    { name: "preview, nothing changed, ratio to floor", value: ratio(pulumi, "preview"), goal: "≤ 1.05", met: ratio(pulumi, "preview") <= 1.05 },
    { name: "up creating all, ratio to floor", value: ratio(pulumi, "create"), goal: "≤ 1.15", met: ratio(pulumi, "create") <= 1.15 },
    { name: "client upserts/s, ratio to bare undici", value: clientRatio, goal: "≥ 0.8", met: clientRatio >= 0.8 },
    {
      name: "serialized provider in state, bytes per exam",
      value: provider.bytes * provider.copiesPerResource,
      goal: "< 1024",
      met: provider.bytes * provider.copiesPerResource < 1024,
    },
    { name: `provider process peak RSS at ${exams} exams, MB`, value: providerPeak / MB, goal: "< 200", met: providerPeak < 200 * MB },
  ];
}

/** For each phase that misses its goal, which process spent the extra CPU, and why that is likely. */
export function findingsOf(pulumi: PulumiFigures, client: ClientFigures): string[] {
  const findings: string[] = [];
  const perExam = pulumi.checkpointBytesPerExam;
  for (const [phase, goal] of [["create", 1.15], ["preview", 1.05]] as const) {
    const r = ratio(pulumi, phase);
    if (r <= goal) continue;
    const { ours, floor } = pulumi.phases[phase];
    const extra = (Object.keys(ROLES) as Role[])
      .map((role) => ({ role, cpu: ours.usage[role].cpuSeconds - floor.usage[role].cpuSeconds }))
      .sort((a, b) => b.cpu - a.cpu);
    const wall = ours.seconds - floor.seconds;
    const line =
      `${PHASES[phase]}: ${r.toFixed(2)}× the floor (goal ≤ ${goal}), ${wall.toFixed(1)} s slower; CPU over the floor by process: ` +
      extra.map((e) => `${e.role} ${e.cpu >= 0 ? "+" : ""}${e.cpu.toFixed(1)} s`).join(", ") +
      `. Dominant: ${extra[0].role}.`;
    // Explain every process that carries a real share of the extra CPU, not only the largest.
    const total = extra.reduce((sum, e) => sum + Math.max(0, e.cpu), 0);
    const why = extra.filter((e) => e.cpu > 0.25 * total).map((e) => explain(e.role, phase, perExam));
    findings.push([line, ...why].join(" "));
  }
  const clientRatio = client.ours.perSecond / client.bare.perSecond;
  if (clientRatio < 0.8) {
    const extra = client.ours.clientCpuMsPerUpsert - client.bare.clientCpuMsPerUpsert;
    findings.push(
      `client: ${clientRatio.toFixed(2)}× bare undici; client CPU ${client.ours.clientCpuMsPerUpsert.toFixed(2)} ms per upsert vs ${client.bare.clientCpuMsPerUpsert.toFixed(2)} ms ` +
        `(+${extra.toFixed(2)} ms), of which signing a fresh token per attempt takes ${client.signCpuMsPerToken.toFixed(2)} ms ` +
        `(${((100 * client.signCpuMsPerToken) / Math.max(extra, 1e-9)).toFixed(0)}% of the difference).`,
    );
  }
  const providerPeak = Math.max(...Object.values(pulumi.phases).map((p) => p.ours.usage.provider.peakRssBytes));
  const floorPeak = Math.max(...Object.values(pulumi.phases).map((p) => p.floor.usage.provider.peakRssBytes));
  if (providerPeak >= 200 * MB) {
    findings.push(
      `provider process: ${(providerPeak / MB).toFixed(0)} MB peak, the floor's no-op provider process ${(floorPeak / MB).toFixed(0)} MB: ` +
        `${floorPeak >= 200 * MB ? "Pulumi's own dynamic-provider host is over the goal before our code adds anything" : "our code adds the difference"}.`,
    );
  }
  return findings;
}

function explain(role: Role, phase: Phase, perExam: PulumiFigures["checkpointBytesPerExam"]): string {
  const size =
    `an exam takes ${(perExam.ours / 1024).toFixed(2)} KB of state for us vs ${(perExam.floor / 1024).toFixed(2)} KB for the floor (${(perExam.ours / perExam.floor).toFixed(2)}×); ` +
    `the outputs' server view (Proctor's echo of the exam) is ${(perExam.serverView / 1024).toFixed(2)} KB of that, ` +
    `${((100 * perExam.serverView) / Math.max(1, perExam.ours - perExam.floor)).toFixed(0)}% of the difference.`;
  if (role === "engine" && phase === "create") {
    return `Engine: the file backend rewrites the whole checkpoint (after backing up the previous one) at every resource step, so its cost is quadratic in N and linear in state size: ${size}`;
  }
  if (role === "engine") return `Engine: it reads, decodes and diffs the larger state: ${size}`;
  if (role === "provider") {
    return "Provider process: loading our package on the first call (zod, undici, jose), validating every exam once in check, and decoding each diff's old outputs.";
  }
  if (role === "program") {
    return (
      "Program: it loads none of zod, undici and jose (test/unit/program-loading.test.ts); per exam it holds the examId " +
      "for the duplicate check (one Output each) and decodes the exam's outputs from the engine."
    );
  }
  return `${role}: the same code runs in both stacks.`;
}

// ---- Rendering ----------------------------------------------------------------

function table(rows: string[][], align: ("l" | "r")[]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((cell, i) => (align[i] === "l" ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ").trimEnd()).join("\n");
}

const s = (n: number, digits = 1): string => n.toFixed(digits);
const mb = (bytes: number): string => (bytes / MB).toFixed(0);
const kb = (bytes: number): string => (bytes / 1024).toFixed(2);
const mark = (met: boolean): string => (met ? "✓" : "✗ miss");

export function renderReport(result: BenchResult): string {
  const { pulumi, client, naiveSync, meta } = result;
  const n = meta.exams;
  const phaseGoal: Partial<Record<Phase, number>> = { create: 1.15, preview: 1.05 };
  const phaseRows = [["Pulumi operation", "ours s", "floor s", "ratio", "goal", "requests", "CPU s, ours/floor: engine", "program", "provider"]];
  for (const phase of Object.keys(PHASES) as Phase[]) {
    const { ours, floor } = pulumi.phases[phase];
    const cpu = (role: Role) => `${s(ours.usage[role].cpuSeconds)}/${s(floor.usage[role].cpuSeconds)}`;
    const r = ours.seconds / floor.seconds;
    const goal = phaseGoal[phase];
    phaseRows.push([PHASES[phase], s(ours.seconds), s(floor.seconds), s(r, 2), goal === undefined ? "" : `≤ ${goal} ${mark(r <= goal)}`, String(ours.requests), cpu("engine"), cpu("program"), cpu("provider")]);
  }
  const spread = (Object.keys(PHASES) as Phase[])
    .filter((phase) => pulumi.phases[phase].ours.samples.length > 1)
    .map((phase) => {
      const range = (xs: number[]) => `${s(Math.min(...xs))}–${s(Math.max(...xs))} s`;
      const { ours, floor } = pulumi.phases[phase];
      return `${PHASES[phase]}: median of ${ours.samples.length} runs each, alternating; ours ${range(ours.samples)}, floor ${range(floor.samples)}`;
    });
  const clientRatio = client.ours.perSecond / client.bare.perSecond;
  const clientRows = [
    [`Client, ${client.concurrency} in flight, ${client.ours.upserts} upserts a round, median of ${client.rounds}`, "upserts/s", "client CPU ms/upsert"],
    ["provider/client.ts upsertExam (fresh HS256 token each)", s(client.ours.perSecond, 0), s(client.ours.clientCpuMsPerUpsert, 3)],
    ["bare undici POST, one fixed Authorization header", s(client.bare.perSecond, 0), s(client.bare.clientCpuMsPerUpsert, 3)],
    ["ratio (goal ≥ 0.8)", `${s(clientRatio, 2)} ${mark(clientRatio >= 0.8)}`, ""],
    ["signing one token alone (provider/token.ts)", "", s(client.signCpuMsPerToken, 3)],
  ];
  const one = pulumi.phases.oneChanged.ours;
  const syncRows = [
    [`Sync of ${n} exams, one changed`, "requests", "seconds"],
    ["naive cron script (POSTs every exam every run)", String(naiveSync.requests), s(naiveSync.seconds)],
    ["pulumi up (one exam changed)", String(one.requests), s(one.seconds)],
  ];
  const provider = pulumi.serializedProvider;
  const stateRows = [
    ["State", "ours", "floor"],
    ["pulumi stack export, KB per exam", kb(pulumi.exportBytes.ours / n), kb(pulumi.exportBytes.floor / n)],
    ["serialized provider, bytes (one copy)", String(provider.ours.bytes), String(provider.floor.bytes)],
    ["copies per resource (inputs, outputs)", String(provider.ours.copiesPerResource), String(provider.floor.copiesPerResource)],
    ["serialized provider, bytes per exam (goal < 1024)", `${provider.ours.bytes * provider.ours.copiesPerResource} ${mark(provider.ours.bytes * provider.ours.copiesPerResource < 1024)}`, String(provider.floor.bytes * provider.floor.copiesPerResource)],
    ["one exam in each checkpoint (compact JSON), KB", kb(pulumi.checkpointBytesPerExam.ours), kb(pulumi.checkpointBytesPerExam.floor)],
    ["  of which the outputs' server view, KB", kb(pulumi.checkpointBytesPerExam.serverView), "-"],
  ];
  const peak = (side: "ours" | "floor", role: Role) => Math.max(...Object.values(pulumi.phases).map((p) => p[side].usage[role].peakRssBytes));
  const memoryRows = [
    [`Peak RSS over all runs, MB (${n} exams)`, "ours", "floor"],
    ["dynamic provider process (goal < 200 MB)", `${mb(peak("ours", "provider"))} ${mark(peak("ours", "provider") < 200 * MB)}`, mb(peak("floor", "provider"))],
    ["program process", mb(peak("ours", "program")), mb(peak("floor", "program"))],
    ["pulumi engine", mb(peak("ours", "engine")), mb(peak("floor", "engine"))],
  ];
  return [
    `pulumi-proctor bench: ${n} exams; pulumi ${meta.pulumi}, node ${meta.node}, ${meta.cpus} CPUs, --parallel ${meta.parallel}, ` +
      `checkpoints ${meta.checkpoints ? "on (the default)" : "skipped (PULUMI_SKIP_CHECKPOINTS)"}; ${s(meta.totalSeconds / 60)} min`,
    `Floor: ${result.floor}`,
    "",
    table(phaseRows, ["l", "r", "r", "r", "l", "r", "r", "r", "r"]),
    ...spread,
    "",
    table(clientRows, ["l", "r", "r"]),
    "",
    table(syncRows, ["l", "r", "r"]),
    "",
    table(stateRows, ["l", "r", "r"]),
    "",
    table(memoryRows, ["l", "r", "r"]),
    "",
    "Goals:",
    ...result.goals.map((g) => `  ${g.met ? "✓" : "✗"} ${g.name}: ${s(g.value, 2)} (goal ${g.goal})`),
    ...(result.findings.length > 0 ? ["", "Where we miss, and what dominates:", ...result.findings.map((f) => `  - ${f}`)] : []),
  ].join("\n");
}
