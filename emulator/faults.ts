// Injected failures for API requests, so clients can be tested against the errors a real
// service produces: error statuses (with Retry-After), slow answers and lost answers.

export interface FaultSpec {
  /** Answer with this status (400–599) instead of processing the request. */
  status?: number;
  /** Seconds for the Retry-After header of a status fault. */
  retryAfter?: number;
  /** Delay before answering (or before processing, without status/drop). */
  latencyMs?: number;
  /** Read the request, then destroy the socket without answering. */
  drop?: boolean;
  /** Apply to at most this many requests; unlimited when omitted. */
  count?: number;
  /** Chance (0 < fraction <= 1) that each request is hit; 1 when omitted. */
  fraction?: number;
}

/** What one request got. */
export interface InjectedFault {
  status?: number;
  retryAfter?: number;
  latencyMs?: number;
  drop?: boolean;
}

export interface ActiveFault {
  id: number;
  fault: InjectedFault;
  /** Requests it may still hit; null for unlimited. */
  remaining: number | null;
  fraction: number;
}

export type FaultParse = { ok: true; spec: FaultSpec } | { ok: false; details: Record<string, string> };

const MAX_LATENCY_MS = 120_000;

export function parseFaultSpec(value: unknown): FaultParse {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, details: { body: "must be a JSON object" } };
  }
  const spec = value as Record<string, unknown>;
  const details: Record<string, string> = {};
  const integer = (key: string, min: number, max: number): void => {
    const v = spec[key];
    if (v !== undefined && !(typeof v === "number" && Number.isInteger(v) && v >= min && v <= max)) {
      details[key] = `must be an integer from ${min} to ${max}`;
    }
  };
  integer("status", 400, 599);
  integer("retryAfter", 0, 86_400);
  integer("latencyMs", 0, MAX_LATENCY_MS);
  integer("count", 1, Number.MAX_SAFE_INTEGER);
  if (spec.fraction !== undefined) {
    const f = spec.fraction;
    if (!(typeof f === "number" && f > 0 && f <= 1)) details.fraction = "must be a number with 0 < fraction <= 1";
  }
  if (spec.drop !== undefined && spec.drop !== true) details.drop = "must be true when given";
  for (const key of Object.keys(spec)) {
    if (!["status", "retryAfter", "latencyMs", "drop", "count", "fraction"].includes(key)) details[key] = "unknown key";
  }
  if (spec.drop === true && spec.status !== undefined) details.drop = "cannot be combined with status";
  if (spec.retryAfter !== undefined && spec.status === undefined) details.retryAfter = "needs a status";
  if (spec.status === undefined && spec.latencyMs === undefined && spec.drop === undefined) {
    details.body = "needs at least one of status, latencyMs, drop";
  }
  return Object.keys(details).length > 0 ? { ok: false, details } : { ok: true, spec: spec as FaultSpec };
}

export class Faults {
  private active: ActiveFault[] = [];
  private nextId = 1;

  constructor(private readonly random: () => number = Math.random) {}

  add(spec: FaultSpec): ActiveFault {
    const fault: InjectedFault = {};
    if (spec.status !== undefined) fault.status = spec.status;
    if (spec.retryAfter !== undefined) fault.retryAfter = spec.retryAfter;
    if (spec.latencyMs !== undefined) fault.latencyMs = spec.latencyMs;
    if (spec.drop) fault.drop = true;
    const added: ActiveFault = { id: this.nextId++, fault, remaining: spec.count ?? null, fraction: spec.fraction ?? 1 };
    this.active.push(added);
    return structuredClone(added);
  }

  /**
   * The fault for the next request, decided on arrival so that `count` faults hit the first
   * N requests in arrival order. Faults are tried in the order they were added.
   */
  next(): InjectedFault | undefined {
    for (const candidate of this.active) {
      if (this.random() >= candidate.fraction) continue;
      if (candidate.remaining !== null) candidate.remaining -= 1;
      this.active = this.active.filter((f) => f.remaining !== 0);
      return { ...candidate.fault };
    }
    return undefined;
  }

  list(): ActiveFault[] {
    return structuredClone(this.active);
  }

  clear(): void {
    this.active = [];
  }
}
