import { execFile } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/lib/pulumi-stack";

/** The built `pulumi-proctor` bin, as the package's "bin" names it. */
const CLI = path.join(REPO_ROOT, "dist", "provider", "cli", "main.js");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `pulumi-proctor <args>` in a subprocess, in `cwd`, as a user or a hook would. */
export function pulumiProctor(args: readonly string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr });
    });
  });
}
