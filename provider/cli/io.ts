import * as path from "node:path";

/**
 * What a command reads and writes besides its files: the folder relative paths
 * start from, standard input, standard output and standard error. The bin
 * passes the process's (`processIo`); a test passes its own and runs a command
 * in-process, in a folder of its own, with its input as text and its output caught.
 */
export interface CliIo {
  /** The folder relative paths on the command line are resolved from. */
  readonly cwd: string;
  /** Standard input: the process's stream (a terminal says so with isTTY), or the whole input as text. */
  readonly stdin: (NodeJS.ReadableStream & { isTTY?: boolean }) | string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The process's own: what `pulumi-proctor` reads and writes when a user runs it. Read when used, so loading a command touches no stream. */
export const processIo: CliIo = {
  get cwd() {
    return process.cwd();
  },
  get stdin() {
    return process.stdin;
  },
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/**
 * `file` as the file system should open it: relative to `io.cwd`. Left as given
 * when that is the process's folder, so an error naming the path (ENOENT, …)
 * names it as the user wrote it.
 */
export function inCwd(io: CliIo, file: string): string {
  return path.isAbsolute(file) || path.resolve(io.cwd) === process.cwd() ? file : path.resolve(io.cwd, file);
}

/** Standard input is a terminal: nothing was piped in. */
export function stdinIsTerminal(io: CliIo): boolean {
  return typeof io.stdin !== "string" && io.stdin.isTTY === true;
}

/** The whole of standard input, as UTF-8 text. */
export async function readStdin(io: CliIo): Promise<string> {
  if (typeof io.stdin === "string") return io.stdin;
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}
