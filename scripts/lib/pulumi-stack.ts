import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { assertNoProcessesLeft } from "./processes";

/** The repository root, found from this compiled file (dist/scripts/lib/pulumi-stack.js). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for assertions on what a user would see. */
  output: string;
}

export interface StackOptions {
  /**
   * Compiled program, relative to the repository's dist/ folder, e.g. "test/programs/smoke/index.js".
   * Without it, Pulumi.yaml has no `main` and Pulumi runs the project folder itself (e.g. an index.ts in `files`).
   */
  program?: string;
  /** Pulumi.yaml's `runtime` value; default `nodejs`, e.g. `{ name: nodejs, options: { typescript: false } }`. */
  runtime?: string;
  /** Files written into the project folder before `stack init`, by path relative to it. */
  files?: Record<string, string>;
  /** The project's name (it is part of every URN); a fresh one by default. */
  projectName?: string;
  /** The stack's config file as written by an earlier run (its encryption salt and secrets), before `stack init`. */
  stackConfigFile?: string;
  /** Plain stack config, e.g. { "proctor:url": "http://127.0.0.1:1234" }. */
  config?: Record<string, string>;
  /** Secret stack config (encrypted in the stack file with the passphrase). */
  secrets?: Record<string, string>;
  /** Extra environment for the CLI, the program and the provider. */
  env?: Record<string, string>;
}

/**
 * The environment of the real CLI on a private local file backend and
 * PULUMI_HOME under `scratchDir` (created here): passphrase secrets, no
 * update check, no plugin downloads, no colours.
 */
export async function privateBackendEnv(scratchDir: string, base: NodeJS.ProcessEnv, passphrase: string): Promise<NodeJS.ProcessEnv> {
  await mkdir(path.join(scratchDir, "backend"), { recursive: true });
  return {
    ...base,
    PULUMI_BACKEND_URL: `file://${path.join(scratchDir, "backend")}`,
    PULUMI_CONFIG_PASSPHRASE: passphrase,
    PULUMI_HOME: path.join(scratchDir, "home"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_EXPERIMENTAL: "",
    NO_COLOR: "1",
  };
}

/** Runs `pulumi ARGS --non-interactive --color never` in `cwd`; never throws on a non-zero exit. */
export function runPulumi(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return startPulumi(args, cwd, env, false).result;
}

/** A CLI run under way: its pid and what it will have printed when it ends. */
export interface StartedRun {
  pid: number;
  result: Promise<RunResult>;
}

/**
 * Starts `pulumi ARGS` as runPulumi does. With `ownProcessGroup`, the CLI leads a
 * process group of its own, as a CI runner starts a job, so that a test can kill
 * the group (`process.kill(-pid, "SIGKILL")`) without killing itself.
 */
export function startPulumi(args: string[], cwd: string, env: NodeJS.ProcessEnv, ownProcessGroup: boolean): StartedRun {
  const child = spawn("pulumi", [...args, "--non-interactive", "--color", "never"], { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: ownProcessGroup });
  const result = new Promise<RunResult>((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, output }));
  });
  return { pid: child.pid ?? -1, result };
}

/** A failed run as an error that shows what the CLI said. */
export function mustSucceed(args: string[], result: RunResult): RunResult {
  if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited with ${result.code}:\n${result.output}`);
  return result;
}

/**
 * A real Pulumi stack for one test: the real `pulumi` CLI on a private local
 * file backend, passphrase secrets, no network, no prompts. The project folder
 * sits inside the repository so that the program and the dynamic provider
 * resolve `pulumi-proctor` and `@pulumi/pulumi` from its node_modules, as they
 * would in a user's project.
 */
export class PulumiStack {
  readonly stackName = "test";

  private constructor(
    readonly projectDir: string,
    private readonly scratchDir: string,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  static async create(options: StackOptions): Promise<PulumiStack> {
    const id = randomBytes(6).toString("hex");
    const projectDir = path.join(REPO_ROOT, "dist", "e2e-projects", id);
    const scratchDir = await mkdtemp(path.join(tmpdir(), "proctor-e2e-"));
    await mkdir(projectDir, { recursive: true });
    const main = options.program === undefined ? "" : `main: ${path.relative(projectDir, path.join(REPO_ROOT, "dist", options.program))}\n`;
    await writeFile(path.join(projectDir, "Pulumi.yaml"), `name: ${options.projectName ?? `proctor-e2e-${id}`}\nruntime: ${options.runtime ?? "nodejs"}\n${main}`);
    for (const [file, text] of Object.entries(options.files ?? {})) {
      await mkdir(path.dirname(path.join(projectDir, file)), { recursive: true });
      await writeFile(path.join(projectDir, file), text);
    }
    if (options.stackConfigFile !== undefined) await copyFile(options.stackConfigFile, path.join(projectDir, "Pulumi.test.yaml"));
    const env = { ...(await privateBackendEnv(scratchDir, process.env, "e2e-passphrase")), ...options.env };
    const stack = new PulumiStack(projectDir, scratchDir, env);
    await stack.mustRun(["stack", "init"]);
    for (const [key, value] of Object.entries(options.config ?? {})) await stack.setConfig(key, value);
    for (const [key, value] of Object.entries(options.secrets ?? {})) await stack.setConfig(key, value, true);
    return stack;
  }

  async setConfig(key: string, value: string, secret = false): Promise<void> {
    await this.mustRun(["config", "set", ...(secret ? ["--secret"] : []), "--path", key, value]);
  }

  /** Runs `pulumi ARGS` in the project; never throws on a non-zero exit. */
  run(args: string[], extraEnv: Record<string, string> = {}): Promise<RunResult> {
    return runPulumi([...args, "--stack", this.stackName], this.projectDir, { ...this.env, ...extraEnv });
  }

  async mustRun(args: string[], extraEnv: Record<string, string> = {}): Promise<RunResult> {
    return mustSucceed(args, await this.run(args, extraEnv));
  }

  up(extraEnv?: Record<string, string>): Promise<RunResult> {
    return this.run(["up", "--yes", "--skip-preview"], extraEnv);
  }

  /** `up` in a process group of its own (see startPulumi), for a test that kills it as a CI runner would. */
  startUp(extraEnv: Record<string, string> = {}): StartedRun {
    return startPulumi(["up", "--yes", "--skip-preview", "--stack", this.stackName], this.projectDir, { ...this.env, ...extraEnv }, true);
  }

  preview(extraEnv?: Record<string, string>): Promise<RunResult> {
    return this.run(["preview", "--diff"], extraEnv);
  }

  refresh(extraEnv?: Record<string, string>): Promise<RunResult> {
    return this.run(["refresh", "--yes", "--skip-preview"], extraEnv);
  }

  destroy(extraEnv?: Record<string, string>): Promise<RunResult> {
    return this.run(["destroy", "--yes", "--skip-preview"], extraEnv);
  }

  /** `pulumi stack export` (secrets stay encrypted), as text and parsed. */
  async exportState(): Promise<{ text: string; deployment: StackExport }> {
    const result = await this.mustRun(["stack", "export"]);
    return { text: result.stdout, deployment: JSON.parse(result.stdout) as StackExport };
  }

  async resources(type?: string): Promise<ExportedResource[]> {
    const { deployment } = await this.exportState();
    const all = deployment.deployment.resources ?? [];
    return type ? all.filter((r) => r.type === type) : all;
  }

  /**
   * `stack export` right after a `pulumi up` was killed. The local file backend
   * rewrites the stack's checkpoint after saving the previous one as
   * `<stack>.json.bak`, each file with a `.attrs` sidecar (its metadata), and a
   * killed CLI can leave the pair unreadable ("failed to load checkpoint: EOF",
   * pulumi/pulumi#2801; seen with CLI 3.274: `<stack>.json.attrs` empty, the
   * checkpoint itself whole). It is read again for a few seconds (seen once to be
   * readable, then not, under a loaded suite), then the documented recovery puts
   * the backup pair back.
   */
  async exportAfterKill(): Promise<{ deployment: StackExport; restored: boolean }> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const exported = await this.run(["stack", "export"]);
      if (exported.code === 0) return { deployment: JSON.parse(exported.stdout) as StackExport, restored: false };
      if (!/failed to load checkpoint/.test(exported.output)) throw new Error(`pulumi stack export exited with ${exported.code}:\n${exported.output}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const stacks = path.join(this.scratchDir, "backend", ".pulumi", "stacks");
    for (const project of await readdir(stacks)) {
      const file = path.join(stacks, project, `${this.stackName}.json`);
      await copyFile(`${file}.bak`, file);
      await copyFile(`${file}.bak.attrs`, `${file}.attrs`);
    }
    return { deployment: (await this.exportState()).deployment, restored: true };
  }

  /** Removes the stack's folders, then fails if any process of its runs is still alive (and kills it). */
  async cleanup(): Promise<void> {
    await rm(this.projectDir, { recursive: true, force: true });
    await rm(this.scratchDir, { recursive: true, force: true });
    await assertNoProcessesLeft(`PULUMI_HOME=${this.env.PULUMI_HOME}`);
  }
}

export interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

export interface StackExport {
  deployment: { resources?: ExportedResource[] };
}
