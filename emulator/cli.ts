#!/usr/bin/env node
// The `pulumi-proctor-emulator` command (package bin; `npm run emulator` in this repository):
// runs the emulator in the foreground for CI jobs, demos and manual testing.

import { parseCli, USAGE, UsageError, type CliConfig } from "./args";
import { startEmulator } from "./server";

async function main(): Promise<void> {
  let config: CliConfig;
  try {
    config = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (config.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const emulator = await startEmulator({
    integrations: config.integrations,
    port: config.port,
    ...(config.leewaySeconds === undefined ? {} : { leewaySeconds: config.leewaySeconds }),
    ...(config.horizonSeconds === undefined ? {} : { horizonSeconds: config.horizonSeconds }),
    ...(config.persistPath === undefined ? {} : { persistPath: config.persistPath }),
    log: (line) => process.stdout.write(`${line}\n`),
  });
  // Names only: secrets never reach the console.
  const names = config.integrations.map((i) => i.name);
  process.stdout.write(
    [
      `Proctor emulator listening on ${emulator.url}`,
      `integrations: ${names.join(", ")}`,
      ...names.map((name) => `  POST ${emulator.url}/api/v2/integration/simple/${encodeURIComponent(name)}/exams/`),
      `test hooks: ${emulator.url}/__emulator/ (exams, requests, reset, faults)`,
      config.persistPath === undefined ? "exams are kept in memory" : `exams persist to ${config.persistPath}`,
      // The pid to signal: a wrapper such as npx does not pass a lone SIGINT/SIGTERM on.
      `process ${process.pid}: SIGINT or SIGTERM stops it`,
      "",
    ].join("\n"),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping\n`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
