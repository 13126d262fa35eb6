import { ProcessSampler, killDescendants, type RoleUsage } from "../lib/processes";
import { PulumiStack, type RunResult } from "../lib/pulumi-stack";
import type { BenchEmulator } from "./emulator";

/** The processes of one Pulumi run, told apart by command line. */
export const ROLES = {
  engine: /^pulumi (up|preview)\b/,
  // index.js: the plugin's launcher also runs a short `node -e "require.resolve('…/cmd/dynamic-provider')"`.
  program: /@pulumi\/pulumi\/cmd\/run\/index\.js/,
  provider: /@pulumi\/pulumi\/cmd\/dynamic-provider\/index\.js/,
  languageHost: /pulumi-language-nodejs/,
};
export type Role = keyof typeof ROLES;

export const PHASES = {
  create: "up, creating all",
  preview: "preview, nothing changed",
  unchanged: "up, nothing changed",
  oneChanged: "up, one exam changed",
} as const;
export type Phase = keyof typeof PHASES;

export interface RunFigures {
  /** Wall-clock seconds; for a repeated phase, of the median run. */
  seconds: number;
  /** Every run's seconds, when the phase was repeated. */
  samples: number[];
  /** Requests the emulator received during the run. */
  requests: number;
  usage: Record<Role, RoleUsage>;
}

/** One stack the bench runs side by side with others: a program, its inputs, and where it sends. */
export interface Contender {
  /** Compiled program, relative to dist/. */
  program: string;
  /** Environment of every run (its input files, PULUMI_SKIP_CHECKPOINTS). */
  env: Record<string, string>;
  /** Environment added for the one-change phase (the input files with one exam edited). */
  changedEnv: Record<string, string>;
  /** Resources the program declares, the stack included: what each phase's summary must count. */
  resources: number;
  /** Where its provider sends (and where its requests are counted). */
  emulator: BenchEmulator;
  /** The phases it takes part in, in the order of PHASES. */
  phases: readonly Phase[];
  /** Runs of the no-change preview (median kept): more where a goal is finer than one run's noise. */
  previewRepeats: number;
}

export interface SideBySideOptions {
  /** A run taking longer is killed and the bench fails: it must stop by itself. */
  runTimeoutMs: number;
  log: (line: string) => void;
}

/** What each phase must have done, so that a run that did something else is never reported as a figure. */
function expectedSummary(phase: Phase, resources: number): RegExp[] {
  switch (phase) {
    case "create":
      return [new RegExp(`\\+ ${resources} created`)];
    case "preview":
    case "unchanged":
      return [new RegExp(`\\b${resources} unchanged`)];
    case "oneChanged":
      return [/~ 1 updated/, new RegExp(`\\b${resources - 1} unchanged`)];
  }
}

async function timedRun(stack: PulumiStack, phase: Phase, env: Record<string, string>, timeoutMs: number): Promise<{ result: RunResult; seconds: number; usage: Record<Role, RoleUsage> }> {
  const sampler = new ProcessSampler(ROLES);
  const watchdog = setTimeout(() => killDescendants(ROLES.engine), timeoutMs);
  const started = performance.now();
  const result = await (phase === "preview" ? stack.preview(env) : stack.up(env));
  const seconds = (performance.now() - started) / 1000;
  clearTimeout(watchdog);
  return { result, seconds, usage: sampler.stop() as Record<Role, RoleUsage> };
}

/** The run of median duration, with every run's duration alongside. */
function medianRun(runs: RunFigures[]): RunFigures {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return { ...sorted[Math.floor(sorted.length / 2)], samples: runs.map((r) => r.seconds) };
}

/** The contenders in the order of turn `turn`: each goes first in turn, so a slow spell on a shared machine weighs on all. */
function rotated<K extends string>(keys: readonly K[], turn: number): K[] {
  const start = turn % Math.max(1, keys.length);
  return [...keys.slice(start), ...keys.slice(0, start)];
}

/**
 * Creates one stack per contender, runs every phase on each that takes part in
 * it before the next phase starts (rotating who goes first), and hands the
 * stacks to `inspect` (state size, …) before they are removed. Every run must
 * show the summary its phase implies, or the bench fails.
 */
export async function runSideBySide<K extends string, T>(
  contenders: Record<K, Contender>,
  options: SideBySideOptions,
  inspect: (stacks: Record<K, PulumiStack>) => Promise<T>,
): Promise<{ phases: Record<K, Partial<Record<Phase, RunFigures>>>; inspected: T }> {
  const keys = Object.keys(contenders) as K[];
  const stacks = {} as Record<K, PulumiStack>;
  try {
    for (const key of keys) {
      const { emulator, env } = contenders[key];
      stacks[key] = await PulumiStack.create({
        program: contenders[key].program,
        config: { "proctor:url": emulator.url, "proctor:integrationName": emulator.integration },
        secrets: { "proctor:jwtSecret": emulator.secret },
        env,
      });
    }
    const phases = Object.fromEntries(keys.map((key) => [key, {}])) as Record<K, Partial<Record<Phase, RunFigures>>>;
    let turn = 0;
    for (const phase of Object.keys(PHASES) as Phase[]) {
      const taking = keys.filter((key) => contenders[key].phases.includes(phase));
      if (taking.length === 0) continue;
      const runs = new Map<K, RunFigures[]>(taking.map((key) => [key, []]));
      const repeats = (key: K) => (phase === "preview" ? contenders[key].previewRepeats : 1);
      for (let repeat = 0; repeat < Math.max(...taking.map(repeats)); repeat++) {
        for (const key of rotated(taking.filter((k) => repeat < repeats(k)), turn++)) {
          const contender = contenders[key];
          const env = phase === "oneChanged" ? contender.changedEnv : {};
          const before = await contender.emulator.requestCount();
          options.log(`${PHASES[phase]}: ${key}…`);
          const { result, seconds, usage } = await timedRun(stacks[key], phase, env, options.runTimeoutMs);
          const missing = expectedSummary(phase, contender.resources).filter((re) => !re.test(result.output));
          if (result.code !== 0 || missing.length > 0) {
            throw new Error(`${PHASES[phase]} (${key}) exited with ${result.code}, expected ${missing.join(", ") || "success"}:\n${result.output.slice(-4000)}`);
          }
          runs.get(key)!.push({ seconds, samples: [], requests: (await contender.emulator.requestCount()) - before, usage });
          options.log(`${PHASES[phase]}: ${key} ${seconds.toFixed(1)} s`);
        }
      }
      for (const [key, list] of runs) phases[key][phase] = medianRun(list);
    }
    return { phases, inspected: await inspect(stacks) };
  } finally {
    for (const stack of Object.values(stacks) as PulumiStack[]) await stack.cleanup();
  }
}
