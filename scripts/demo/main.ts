// `npm start`: the example catalogue (the root Pulumi.yaml), applied with `pulumi up`
// on a local backend, against the Proctor emulator unless the stack has its own
// proctor: config. Run it twice: the second run changes nothing.
//
// Environment:
//   PROCTOR_DEMO_PORT       emulator port (default 8790; the exams' URL includes it, so
//                           changing it re-creates them in the new emulator)
//   PROCTOR_DEMO_STATE_DIR  where the backend and the emulator's exams live (default .pulumi-state)
//   PROCTOR_DEMO_STACK      stack name (default demo); its config is .pulumi-state/Pulumi.<stack>.yaml
//   PULUMI_CONFIG_PASSPHRASE  passphrase of the stack's secrets (default "pulumi-proctor-demo")
import { mkdir } from "node:fs/promises";
import * as path from "node:path";
import { DEFAULT_INTEGRATION } from "../../emulator/args";
import { startEmulator, type Emulator } from "../../emulator/server";
import { demoRows, renderTable, summarize } from "./table";
import { pulumiLive, pulumiOutput, type PulumiRun } from "./pulumi";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const CONNECTION_KEYS = ["proctor:url", "proctor:integrationName", "proctor:jwtSecret"];
export const DEMO_PASSPHRASE = "pulumi-proctor-demo";

function say(line: string): void {
  process.stdout.write(`[demo] ${line}\n`);
}

function settings() {
  const port = Number(process.env.PROCTOR_DEMO_PORT || 8790);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PROCTOR_DEMO_PORT must be a port number (got "${process.env.PROCTOR_DEMO_PORT}")`);
  const stateDir = path.resolve(ROOT, process.env.PROCTOR_DEMO_STATE_DIR || ".pulumi-state");
  return { port, stateDir, stack: process.env.PROCTOR_DEMO_STACK || "demo" };
}

async function startDemoEmulator(port: number, persistPath: string): Promise<Emulator> {
  try {
    return await startEmulator({ integrations: [DEFAULT_INTEGRATION], port, persistPath });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new Error(`port ${port} is in use (is \`npm run emulator\` running?); stop it, or set PROCTOR_DEMO_PORT to another port`);
    }
    throw error;
  }
}

/** The table when the exams went to a real integration: the stack's own outputs. */
async function printStackTable(run: PulumiRun, stack: string): Promise<void> {
  const outputs = JSON.parse(await pulumiOutput(["stack", "output", "--json", "--stack", stack], run)) as {
    exams?: Record<string, { name: string; status: number; adopted: boolean }>;
  };
  const rows = Object.entries(outputs.exams ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([examId, exam]) => [examId, exam.name, `${exam.status}${exam.adopted ? " (adopted)" : ""}`]);
  say("exams in the stack (status of the last upsert: 201 created, 200 updated):");
  process.stdout.write(`${renderTable(["EXAM ID", "NAME", "LAST UPSERT"], rows)}\n`);
}

async function main(): Promise<number> {
  const { port, stateDir, stack } = settings();
  await mkdir(path.join(stateDir, "backend"), { recursive: true });
  const run: PulumiRun = {
    cwd: ROOT,
    env: {
      ...process.env,
      PULUMI_BACKEND_URL: `file://${path.join(stateDir, "backend")}`,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    },
  };
  if (!run.env.PULUMI_CONFIG_PASSPHRASE && !run.env.PULUMI_CONFIG_PASSPHRASE_FILE) run.env.PULUMI_CONFIG_PASSPHRASE = DEMO_PASSPHRASE;

  say(`stack "${stack}" on the local backend ${run.env.PULUMI_BACKEND_URL}`);
  await pulumiOutput(["stack", "select", "--create", stack, "--secrets-provider", "passphrase"], run);
  const config = JSON.parse(await pulumiOutput(["config", "--json", "--stack", stack], run)) as Record<string, unknown>;
  const configured = CONNECTION_KEYS.filter((key) => key in config);

  let emulator: Emulator | undefined;
  if (configured.length === 0) {
    emulator = await startDemoEmulator(port, path.join(stateDir, "emulator-exams.json"));
    Object.assign(run.env, {
      PROCTOR_URL: emulator.url,
      PROCTOR_INTEGRATION_NAME: DEFAULT_INTEGRATION.name,
      PROCTOR_JWT_SECRET: DEFAULT_INTEGRATION.secret,
    });
    say(`Proctor emulator on ${emulator.url} (integration "${DEFAULT_INTEGRATION.name}"), exams kept in ${path.join(stateDir, "emulator-exams.json")}`);
  } else {
    say(`the stack sets ${configured.join(", ")}: using that integration, not the emulator`);
  }

  // Ctrl-C reaches pulumi too, which cancels cleanly; stay alive to stop the emulator after it.
  const ignore = () => say("interrupted: waiting for pulumi to stop");
  process.on("SIGINT", ignore);
  let code: number;
  try {
    say("pulumi up");
    code = await pulumiLive(["up", "--yes", "--skip-preview", "--suppress-outputs", "--stack", stack], run);
  } finally {
    process.off("SIGINT", ignore);
    await emulator?.close();
  }

  if (emulator) {
    const rows = demoRows(emulator.exams(), emulator.requests());
    say(`exams in the emulator (integration "${DEFAULT_INTEGRATION.name}"), and what this run did:`);
    process.stdout.write(`${renderTable(["EXAM ID", "NAME", "THIS RUN"], rows.map((r) => [r.examId, r.name, r.status]))}\n`);
    say(summarize(rows));
  } else if (code === 0) {
    await printStackTable(run, stack);
  }
  if (code !== 0) say(`pulumi up failed (exit code ${code}); see its output above`);
  return code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    say(`error: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
