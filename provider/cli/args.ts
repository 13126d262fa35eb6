import { parseArgs, type ParseArgsConfig } from "node:util";
import type { CliIo } from "./io";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * A command's options and operands, or the exit code when there is nothing to
 * run: 0 after `--help`, 2 after a usage error (printed with the help).
 */
export function commandArgs<O extends Options>(io: CliIo, command: string, help: string, args: string[], options: O) {
  try {
    const parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { ...options, help: { type: "boolean", short: "h" } } });
    if ((parsed.values as { help?: boolean }).help) {
      io.stdout(help);
      return 0;
    }
    return parsed;
  } catch (error) {
    return usageError(io, command, help, (error as Error).message);
  }
}

export function usageError(io: CliIo, command: string, help: string, message: string): number {
  io.stderr(`pulumi-proctor ${command}: ${message}\n\n${help}`);
  return 2;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
