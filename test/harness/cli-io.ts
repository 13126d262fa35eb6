import type { CommandMain } from "../../provider/cli/commands";
import type { CliIo } from "../../provider/cli/io";
import type { CliRun } from "./cli";

/** An io whose output is caught in `output`: the command runs in `cwd`, reading `stdin` as its standard input. */
export function capturedIo(cwd: string = process.cwd(), stdin = ""): { io: CliIo; output: { stdout: string; stderr: string } } {
  const output = { stdout: "", stderr: "" };
  const io: CliIo = {
    cwd,
    stdin,
    stdout: (text) => void (output.stdout += text),
    stderr: (text) => void (output.stderr += text),
  };
  return { io, output };
}

/** Runs a command's `main` in this process, in `cwd`, with `stdin` piped in: what the bin would exit with and print. */
export async function runCommand(main: CommandMain, args: readonly string[], cwd: string, stdin = ""): Promise<CliRun> {
  const { io, output } = capturedIo(cwd, stdin);
  const code = await main([...args], io);
  return { code, ...output };
}
