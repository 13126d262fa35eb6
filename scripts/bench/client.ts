import { Agent, request } from "undici";
import { examsEndpoint, upsertExam } from "../../provider/proctor/client";
import { resolveConnection, type Connection } from "../../provider/proctor/connection";
import { signToken } from "../../provider/proctor/token";
import type { BenchEmulator } from "./emulator";

/**
 * Our client against the least a client can do: the same bodies POSTed to the
 * same server with undici and one token signed up front, at the same
 * concurrency. Throughput is end to end (server included, on its own core);
 * client CPU per upsert is this process's own cost, which the server cannot hide.
 */
export interface ClientRun {
  upserts: number;
  seconds: number;
  perSecond: number;
  clientCpuMsPerUpsert: number;
}

export interface ClientFigures {
  concurrency: number;
  rounds: number;
  ours: ClientRun;
  bare: ClientRun;
  /** CPU ms to sign one token (provider/token.ts), measured alone: the part of our client CPU spent on signing. */
  signCpuMsPerToken: number;
}

export function benchConnection(emulator: BenchEmulator): Connection {
  const config: Record<string, string> = {
    "proctor:url": emulator.url,
    "proctor:integrationName": emulator.integration,
    "proctor:jwtSecret": emulator.secret,
  };
  return resolveConnection(undefined, (key) => config[key], {});
}

async function measure(count: number, send: () => Promise<void>): Promise<ClientRun> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await send();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { upserts: count, seconds, perSecond: count / seconds, clientCpuMsPerUpsert: (used.user + used.system) / 1000 / count };
}

function ours(connection: Connection, bodies: Record<string, unknown>[]): Promise<ClientRun> {
  // All at once, as the engine hands them over; the client's own limiter bounds what is in flight.
  return measure(bodies.length, async () => {
    await Promise.all(bodies.map((body) => upsertExam(connection, String(body.examId), body)));
  });
}

async function bare(connection: Connection, bodies: Record<string, unknown>[]): Promise<ClientRun> {
  const concurrency = connection.tuning.concurrency;
  const agent = new Agent({ connections: concurrency, keepAliveTimeout: 10_000 });
  const authorization = `JWT ${await signToken(connection.jwtSecret, 300)}`;
  const endpoint = examsEndpoint(connection);
  try {
    let next = 0;
    return await measure(bodies.length, async () => {
      const worker = async (): Promise<void> => {
        while (next < bodies.length) {
          const body = bodies[next++];
          const response = await request(endpoint, {
            method: "POST",
            dispatcher: agent,
            headers: { authorization, "content-type": "application/json", accept: "application/json" },
            body: JSON.stringify(body),
          });
          await response.body.text();
          if (response.statusCode >= 300) throw new Error(`bare POST answered ${response.statusCode}`);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    });
  } finally {
    await agent.close();
  }
}

async function signCost(secret: string, count = 2000): Promise<number> {
  const cpu = process.cpuUsage();
  for (let i = 0; i < count; i++) await signToken(secret, 30);
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000 / count;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function medianRun(runs: ClientRun[]): ClientRun {
  return {
    upserts: runs[0].upserts,
    seconds: median(runs.map((r) => r.seconds)),
    perSecond: median(runs.map((r) => r.perSecond)),
    clientCpuMsPerUpsert: median(runs.map((r) => r.clientCpuMsPerUpsert)),
  };
}

/**
 * Alternates the two clients for `rounds` rounds of all bodies each, after one
 * warm-up round apiece, with the server emptied before every round so both do
 * the same work (every upsert a first write); reports the median round.
 */
export async function benchClient(emulator: BenchEmulator, bodies: Record<string, unknown>[], rounds: number): Promise<ClientFigures> {
  const connection = benchConnection(emulator);
  const runs: { ours: ClientRun[]; bare: ClientRun[] } = { ours: [], bare: [] };
  for (let round = -1; round < rounds; round++) {
    for (const side of round % 2 === 0 ? (["ours", "bare"] as const) : (["bare", "ours"] as const)) {
      await emulator.reset();
      const run = side === "ours" ? await ours(connection, bodies) : await bare(connection, bodies);
      if (round >= 0) runs[side].push(run);
    }
  }
  return {
    concurrency: connection.tuning.concurrency,
    rounds,
    ours: medianRun(runs.ours),
    bare: medianRun(runs.bare),
    signCpuMsPerToken: await signCost(connection.jwtSecret),
  };
}
