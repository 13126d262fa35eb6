import type { CliIo } from "./io";

/** A subcommand: returns the process exit code (0 ok, 2 usage, else the failure's code's: exitStatus in ../errors.ts); `io` defaults to the process's. */
export type CommandMain = (args: string[], io?: CliIo) => Promise<number>;

export interface Command {
  summary: string;
  load: () => Promise<CommandMain>;
}

/**
 * Every `pulumi-proctor` subcommand, one line each; its module exports `main` and
 * prints its own `--help`.
 */
export const COMMANDS: Record<string, Command> = {
  import: { summary: "turn an LMS export (CSV or JSON) into a catalogue file", load: async () => (await import("./import/main.js")).main },
  lint: { summary: "check catalogue files as a program would, without Pulumi (file:line:column); --stacks: do the stacks partition it", load: async () => (await import("./lint.js")).main },
  review: { summary: "summarize `pulumi preview --json` for a pull request (Markdown comment or HTML page)", load: async () => (await import("./review.js")).main },
  rollover: { summary: "write next term's catalogue: dates shifted, new examIds, no collision with this term's", load: async () => (await import("./rollover.js")).main },
};

export function usage(): string {
  const width = Math.max(0, ...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: pulumi-proctor <command> [options]\n\ncommands:\n${lines.join("\n")}\n\nRun \`pulumi-proctor <command> --help\` for a command's options.\n`;
}
