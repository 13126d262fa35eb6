// Runs the pulumi CLI for the demo: live on the user's terminal, or captured for a value.
import { spawn } from "node:child_process";

export interface PulumiRun {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

function start(args: readonly string[], run: PulumiRun, capture: boolean): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", [...args, "--non-interactive"], {
      cwd: run.cwd,
      env: run.env,
      stdio: capture ? ["ignore", "pipe", "inherit"] : "inherit",
    });
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "ENOENT" ? new Error("the pulumi CLI is not on PATH; run the demo with `npm start`, which sets it up") : error),
    );
    child.on("close", (code) => resolve({ code: code ?? 1, stdout }));
  });
}

/** Runs pulumi with its output on the user's terminal; resolves to the exit code. */
export async function pulumiLive(args: readonly string[], run: PulumiRun): Promise<number> {
  return (await start(args, run, false)).code;
}

/** Runs pulumi and returns its standard output; throws when it fails (its errors are already on stderr). */
export async function pulumiOutput(args: readonly string[], run: PulumiRun): Promise<string> {
  const { code, stdout } = await start(args, run, true);
  if (code !== 0) throw new Error(`pulumi ${args.join(" ")} exited with ${code}`);
  return stdout;
}
