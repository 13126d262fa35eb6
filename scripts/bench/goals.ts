import type { ClientFigures } from "./client";
import type { CatalogueFigures } from "./catalogue";
import type { PulumiFigures, Side } from "./pulumi";
import { PHASES, type Phase, type Role } from "./side-by-side";

/** One goal of the performance issue, at one catalogue size. */
export interface Goal {
  name: string;
  value: number;
  goal: string;
  met: boolean;
}

const MB = 1024 * 1024;

/** Ours over the floor for a phase's wall-clock time. */
export function ratio(figures: PulumiFigures, phase: Phase): number {
  return figures.phases[phase].ours.seconds / figures.phases[phase].floor.seconds;
}

/** A process's highest peak RSS over every run of one side. */
export function peakRss(figures: PulumiFigures, side: Side, role: Role): number {
  return Math.max(...Object.values(figures.phases).map((p) => p[side].usage[role].peakRssBytes));
}

export function memoryRatio(figures: PulumiFigures, role: Role): number {
  return peakRss(figures, "ours", role) / peakRss(figures, "floor", role);
}

/** The ceiling each phase's time ratio to the floor must stay under. */
export const PHASE_GOALS: Record<Phase, number> = { create: 1.1, preview: 1.05, unchanged: 1.05, oneChanged: 1.05 };
export const STATE_GOAL = 1.15;
export const MEMORY_GOALS: Partial<Record<Role, number>> = { provider: 1.1, program: 1.05 };
export const CLIENT_GOAL = 0.9;
export const CATALOGUE_GOALS = { seconds: 2, peakRssMB: 300 };

const atMost = (name: string, value: number, limit: number): Goal => ({ name, value, goal: `≤ ${limit}`, met: value <= limit });

/** The goals that hold at each catalogue size: Pulumi operations, state and process memory against the floor. */
export function pulumiGoals(pulumi: PulumiFigures, exams: number): Goal[] {
  const goals = (Object.keys(PHASES) as Phase[]).map((phase) => atMost(`${PHASES[phase]}, time ratio to floor`, ratio(pulumi, phase), PHASE_GOALS[phase]));
  const requests = pulumi.phases.oneChanged.ours.requests;
  goals.push({ name: "up, one exam changed, requests sent", value: requests, goal: "= 1", met: requests === 1 });
  goals.push(atMost("stack export bytes per exam, ratio to floor", pulumi.exportBytes.ours / pulumi.exportBytes.floor, STATE_GOAL));
  for (const [role, limit] of Object.entries(MEMORY_GOALS) as [Role, number][]) {
    goals.push(atMost(`${role} process peak RSS at ${exams} exams, ratio to floor`, memoryRatio(pulumi, role), limit));
  }
  const provider = pulumi.serializedProvider.ours;
  goals.push({ name: "serialized provider in state, bytes per exam", value: provider.bytes * provider.copiesPerResource, goal: "< 1024", met: provider.bytes * provider.copiesPerResource < 1024 });
  return goals;
}

/** The goals measured once a run: the HTTP client, and loading a large catalogue without Pulumi. */
export function runGoals(client: ClientFigures, catalogue: CatalogueFigures): Goal[] {
  const clientRatio = client.ours.perSecond / client.bare.perSecond;
  const load = catalogue.stages.load;
  return [
    { name: "client upserts/s, ratio to bare undici", value: clientRatio, goal: `≥ ${CLIENT_GOAL}`, met: clientRatio >= CLIENT_GOAL },
    atMost(`loadCatalogue of ${catalogue.exams} exams, seconds`, load.seconds, CATALOGUE_GOALS.seconds),
    atMost(`loadCatalogue of ${catalogue.exams} exams, peak RSS MB`, load.peakRssBytes / MB, CATALOGUE_GOALS.peakRssMB),
  ];
}
