// Command-line and environment settings of the emulator CLI. Flags win over environment.

import { parseArgs } from "node:util";
import type { Integration } from "./server";

export interface CliConfig {
  port: number;
  integrations: Integration[];
  leewaySeconds?: number;
  horizonSeconds?: number;
  persistPath?: string;
  help: boolean;
}

export const DEFAULT_PORT = 8790;
export const DEFAULT_INTEGRATION: Integration = { name: "demo", secret: "demo-secret-change-me" };

export const USAGE = `usage: pulumi-proctor-emulator [options]

  --port N                    port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --integration NAME:SECRET   serve an integration; repeat for several
                              (default: ${DEFAULT_INTEGRATION.name}, with its demo secret)
  --leeway S                  seconds an expired token is still accepted (default 0)
  --horizon S                 furthest token exp in the future, seconds (default 600)
  --persist FILE              keep exams in FILE across restarts
  -h, --help                  show this help

environment: EMULATOR_PORT, EMULATOR_INTEGRATIONS ("a:s1,b:s2"), EMULATOR_PERSIST`;

export class UsageError extends Error {}

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv): CliConfig {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: "string" },
        integration: { type: "string", multiple: true },
        leeway: { type: "string" },
        horizon: { type: "string" },
        persist: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const portText = values.port ?? env.EMULATOR_PORT;
  const integrationTexts = values.integration ?? splitList(env.EMULATOR_INTEGRATIONS);
  const persistPath = values.persist ?? nonEmpty(env.EMULATOR_PERSIST);
  const config: CliConfig = {
    port: portText === undefined ? DEFAULT_PORT : integer(portText, values.port === undefined ? "EMULATOR_PORT" : "--port", 0, 65535),
    integrations: integrationTexts.length === 0 ? [DEFAULT_INTEGRATION] : integrationTexts.map(parseIntegration),
    help: values.help ?? false,
  };
  if (values.leeway !== undefined) config.leewaySeconds = integer(values.leeway, "--leeway", 0, 86_400);
  if (values.horizon !== undefined) config.horizonSeconds = integer(values.horizon, "--horizon", 0, 86_400 * 365);
  if (persistPath !== undefined) config.persistPath = persistPath;
  const names = config.integrations.map((i) => i.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw new UsageError(`integration "${duplicate}" is given twice`);
  return config;
}

function splitList(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === "" ? undefined : text;
}

function integer(text: string, label: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) throw new UsageError(`${label} must be an integer from ${min} to ${max}, got "${text}"`);
  return value;
}

// Split at the first colon only: a secret may itself contain colons.
function parseIntegration(text: string): Integration {
  const colon = text.indexOf(":");
  const name = colon < 0 ? "" : text.slice(0, colon);
  const secret = colon < 0 ? "" : text.slice(colon + 1);
  if (name === "" || secret === "" || name.includes("/")) {
    // Only the name part is echoed: the text after the colon is a secret.
    throw new UsageError(`--integration must be NAME:SECRET with a non-empty name and secret (got name "${name}")`);
  }
  return { name, secret };
}
