// The package as a user gets it, for the tests that run real projects outside this
// checkout (the packed install, the examples, the `pulumi new` template): the checkout
// packed as a fresh clone would be (`npm ci && npm pack`, prepack compiling), the
// tarball installed into a project with `npm install`, and the real `pulumi` CLI run
// there on a private local backend, offline and without prompts.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { assertNoProcessesLeft } from "../../scripts/lib/processes";
import { REPO_ROOT, mustSucceed, privateBackendEnv, runPulumi, type RunResult } from "../../scripts/lib/pulumi-stack";

/** The SDK a user's project installs beside the package (the one package.json pins). */
export const PULUMI_SDK = "@pulumi/pulumi@3.270.0";
const NPM_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

/** npm runs from PATH with this very node; no npm_* settings of an outer `npm test` leak in. */
export function npmEnv(): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("npm_"))),
    PATH: [path.dirname(process.execPath), process.env.PATH ?? ""].join(path.delimiter),
    npm_config_update_notifier: "false",
  };
}

/** Runs a command to completion; rejects with its output when it fails. */
export function mustRun(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = npmEnv(), timeout = 180_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env, timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(" ")} (in ${cwd}) failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/**
 * Packs this checkout as `git clone && npm ci && npm pack` would: the files git would
 * give a clone (tracked, plus new files not ignored) are copied to a scratch folder,
 * installed with `npm ci`, and packed (prepack builds dist/ there). Returns the
 * tarball, written into `destDir`; the scratch clone is removed.
 */
export async function packCheckout(destDir: string): Promise<string> {
  const clone = await mkdtemp(path.join(tmpdir(), "proctor-clone-"));
  try {
    const listed = await mustRun("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO_ROOT);
    for (const file of new Set(listed.split("\0").filter((f) => f !== ""))) {
      await cp(path.join(REPO_ROOT, file), path.join(clone, file), { recursive: true, errorOnExist: false }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error; // deleted in the working tree, not yet in git
      });
    }
    await mustRun("npm", ["ci", ...NPM_FLAGS], clone);
    await mkdir(destDir, { recursive: true });
    await mustRun("npm", ["pack", "--pack-destination", destDir, "--silent"], clone);
    const tarballs = (await readdir(destDir)).filter((name) => name.endsWith(".tgz"));
    if (tarballs.length !== 1) throw new Error(`expected one tarball in ${destDir}, found: ${tarballs.join(", ")}`);
    return path.join(destDir, tarballs[0]!);
  } finally {
    await rm(clone, { recursive: true, force: true });
  }
}

/** `npm install <tarball> ...` in a project folder (its package.json may name more). */
export async function installPackage(projectDir: string, tarball: string, extra: string[] = [PULUMI_SDK]): Promise<void> {
  await mustRun("npm", ["install", tarball, ...extra, ...NPM_FLAGS], projectDir);
}

/** The real CLI in one project folder, on a private file backend and PULUMI_HOME. */
export class ProjectCli {
  private constructor(
    readonly projectDir: string,
    private readonly scratchDir: string,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  static async create(projectDir: string, env: Record<string, string> = {}): Promise<ProjectCli> {
    const scratchDir = await mkdtemp(path.join(tmpdir(), "proctor-cli-"));
    return new ProjectCli(projectDir, scratchDir, { ...(await privateBackendEnv(scratchDir, npmEnv(), "packed-e2e-passphrase")), ...env });
  }

  /** `pulumi ARGS` in the project (or `cwd`); never throws on a non-zero exit. */
  run(args: string[], cwd = this.projectDir): Promise<RunResult> {
    return runPulumi(args, cwd, this.env);
  }

  async mustRun(args: string[], cwd?: string): Promise<RunResult> {
    return mustSucceed(args, await this.run(args, cwd));
  }

  /** Removes the backend and home, then fails if a process of its runs is still alive (and kills it). */
  async cleanup(): Promise<void> {
    await rm(this.scratchDir, { recursive: true, force: true });
    await assertNoProcessesLeft(`PULUMI_HOME=${this.env.PULUMI_HOME}`);
  }
}
