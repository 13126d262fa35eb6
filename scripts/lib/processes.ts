import { readdirSync, readFileSync } from "node:fs";

/**
 * The processes a test or benchmark started, found through /proc (Linux): the
 * Pulumi CLI spawns the language host, the program and the dynamic provider,
 * none of which PulumiStack exposes. Only descendants of this process are ever
 * looked at, so other runs on the same machine are left alone.
 */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** The command line, arguments joined by spaces. */
  cmdline: string;
}

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may itself hold spaces or parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    return { pid, ppid, cmdline };
  } catch {
    return undefined; // It exited between the listing and the read.
  }
}

/** Every live descendant of `root` (this process by default). */
export function descendants(root: number = process.pid): ProcessInfo[] {
  const all = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProcess(Number(name)))
    .filter((p): p is ProcessInfo => p !== undefined);
  const children = new Map<number, ProcessInfo[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const found: ProcessInfo[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/** Peak resident set size (VmHWM) of a live process, in bytes. */
export function peakRssBytes(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a live process has used so far. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime, fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

export interface RoleUsage {
  /** The highest peak RSS of any one process in the role, in bytes. */
  peakRssBytes: number;
  /** CPU seconds of all processes in the role together. */
  cpuSeconds: number;
  /** How many distinct processes were seen in the role. */
  processes: number;
}

/**
 * Polls the descendants of this process while a run lasts and sums up, for
 * each role (a pattern matched against the command line), peak memory and CPU
 * time. Both only grow, so the last sample before a process exits is at most
 * one interval short of the truth.
 */
export class ProcessSampler {
  private readonly seen = new Map<number, { role: string; rss: number; cpu: number }>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly roles: Record<string, RegExp>,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    for (const p of descendants()) {
      const role = Object.keys(this.roles).find((r) => this.roles[r].test(p.cmdline));
      if (role === undefined) continue;
      const previous = this.seen.get(p.pid);
      this.seen.set(p.pid, {
        role,
        rss: Math.max(previous?.rss ?? 0, peakRssBytes(p.pid) ?? 0),
        cpu: Math.max(previous?.cpu ?? 0, cpuSeconds(p.pid) ?? 0),
      });
    }
  }

  /** Stops polling and returns the usage of each role (zeros for a role never seen). */
  stop(): Record<string, RoleUsage> {
    this.sample();
    clearInterval(this.timer);
    const usage: Record<string, RoleUsage> = {};
    for (const role of Object.keys(this.roles)) usage[role] = { peakRssBytes: 0, cpuSeconds: 0, processes: 0 };
    for (const { role, rss, cpu } of this.seen.values()) {
      usage[role].peakRssBytes = Math.max(usage[role].peakRssBytes, rss);
      usage[role].cpuSeconds += cpu;
      usage[role].processes += 1;
    }
    return usage;
  }
}

/**
 * SIGKILLs every descendant of this process whose command line matches, as a
 * CI runner that kills a job's process group does. Returns what it killed.
 */
export function killDescendants(pattern: RegExp = /./): ProcessInfo[] {
  const victims = descendants().filter((p) => pattern.test(p.cmdline));
  for (const p of victims) {
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  return victims;
}

/**
 * Every live process on the machine whose environment holds `entry` (e.g. a
 * test stack's private `PULUMI_HOME=...`): the CLI hands its environment to the
 * language host, the program and the dynamic provider, so this finds them even
 * after they were reparented to init when their parent died.
 */
export function processesWithEnvironment(entry: string): ProcessInfo[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
    .filter((name) => {
      try {
        return readFileSync(`/proc/${name}/environ`, "utf8").split("\0").includes(entry);
      } catch {
        return false; // Exited, or not ours to read.
      }
    })
    .map((name) => readProcess(Number(name)))
    .filter((p): p is ProcessInfo => p !== undefined);
}

/**
 * Waits for the processes of a finished run to exit, then kills any survivor
 * and fails: a process a test leaves behind keeps its port, files and memory
 * after the suite, as the dynamic provider of a killed `pulumi up` once did.
 */
export async function assertNoProcessesLeft(entry: string, graceMs = 10_000): Promise<void> {
  const deadline = Date.now() + graceMs;
  let alive = processesWithEnvironment(entry);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    alive = processesWithEnvironment(entry);
  }
  if (alive.length === 0) return;
  for (const p of alive) {
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  throw new Error(`processes still alive ${graceMs / 1000} s after the test's last run (killed now):\n${alive.map((p) => `  ${p.pid} ${p.cmdline}`).join("\n")}`);
}
