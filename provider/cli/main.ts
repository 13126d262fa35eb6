#!/usr/bin/env node
// The `pulumi-proctor` command (package bin): tools for a catalogue's life around
// `pulumi up`. Each subcommand is its own module, loaded only when it runs, so
// `pulumi-proctor lint` does not pay for what `review` needs.

import { COMMANDS, usage } from "./commands";
import { exitStatus } from "../errors";
import { processIo } from "./io";

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    processIo.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    processIo.stderr(`pulumi-proctor: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const run = await command.load();
  return run(args, processIo);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`pulumi-proctor: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = exitStatus(error);
  },
);
