import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import type { RequestLogEntry } from "../../emulator/server";
import { REPO_ROOT } from "../lib/pulumi-stack";

/**
 * The emulator in a process of its own (emulator/cli.ts), so that the
 * client benchmark's client and server each get a core instead of sharing one
 * event loop, and the bench's own work never slows the server Pulumi talks to.
 * Inspected through its /__emulator/ hooks.
 */
export interface BenchEmulator {
  url: string;
  integration: string;
  secret: string;
  /** Requests received since the last reset, the ones the bounded log dropped included. */
  requestCount(): Promise<number>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function spawnEmulator(integration: string, secret: string): Promise<BenchEmulator> {
  // The secret goes through the environment, not the command line other users can read.
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "dist", "emulator", "cli.js"), "--port", "0"], {
    env: { ...process.env, EMULATOR_INTEGRATIONS: `${integration}:${secret}` },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await listeningUrl(child);
  const hook = async (route: string, init?: RequestInit): Promise<unknown> => {
    const response = await fetch(`${url}/__emulator/${route}`, init);
    if (!response.ok) throw new Error(`emulator hook ${route} answered ${response.status}`);
    return response.json();
  };
  return {
    url,
    integration,
    secret,
    requestCount: async () => {
      const { requests, dropped } = (await hook("requests")) as { requests: RequestLogEntry[]; dropped: number };
      return requests.length + dropped;
    },
    reset: async () => void (await hook("reset", { method: "POST", headers: { "Content-Type": "application/json" } })),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Reads the banner for the URL, then keeps draining the access log so the pipe never fills and stalls the server. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let banner = "";
    let listening = false;
    const timer = setTimeout(() => fail(new Error("the emulator did not start within 30 s")), 30_000);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill("SIGTERM");
      reject(error);
    };
    child.once("exit", (code) => fail(new Error(`the emulator exited with ${code} before listening:\n${banner}`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      if (listening) return;
      banner += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(banner);
      if (match) {
        clearTimeout(timer);
        child.removeAllListeners("exit");
        listening = true;
        resolve(match[1]);
      }
    });
  });
}
