import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../emulator/server";
import type { DeclaredExam } from "../../scripts/lib/declared-exam";
import { PulumiStack } from "../../scripts/lib/pulumi-stack";

export type { DeclaredExam } from "../../scripts/lib/declared-exam";

/**
 * A stack of the exams program (scripts/lib/programs/exams) against its own emulator:
 * `declare()` sets which exams the next run declares, as a user edits code.
 */
export class ExamStack {
  private constructor(
    readonly stack: PulumiStack,
    readonly emulator: Emulator,
    readonly secret: string,
    private readonly examsFile: string,
    private readonly scratch: string,
  ) {}

  static async create(options: { secret?: string; stackSecret?: string; config?: Record<string, string>; env?: Record<string, string> } = {}): Promise<ExamStack> {
    const secret = options.secret ?? `e2e-secret-${Math.random().toString(36).slice(2)}`;
    const emulator = await startEmulator({ integrations: [{ name: "lms", secret }] });
    const scratch = await mkdtemp(path.join(tmpdir(), "proctor-exams-"));
    const examsFile = path.join(scratch, "exams.json");
    await writeFile(examsFile, "[]");
    const stack = await PulumiStack.create({
      program: "scripts/lib/programs/exams/index.js",
      config: { "proctor:url": emulator.url, "proctor:integrationName": "lms", ...options.config },
      secrets: { "proctor:jwtSecret": options.stackSecret ?? secret },
      env: { E2E_EXAMS_FILE: examsFile, ...options.env },
    });
    return new ExamStack(stack, emulator, secret, examsFile, scratch);
  }

  async declare(exams: DeclaredExam[]): Promise<void> {
    await writeFile(this.examsFile, JSON.stringify(exams));
  }

  /** The stack's own cleanup comes last: it fails the test when a process of its runs is still alive. */
  async cleanup(): Promise<void> {
    await this.emulator.close();
    await rm(this.scratch, { recursive: true, force: true });
    await this.stack.cleanup();
  }
}

/**
 * A stack of the catalogue program (scripts/lib/programs/catalogue) against its own
 * emulator: `write()` sets the catalogue file the next run reads, as a user edits it.
 */
export class CatalogueStack {
  private constructor(
    readonly stack: PulumiStack,
    readonly emulator: Emulator,
    /** A scratch folder for the test's files, the catalogue's among them. */
    readonly dir: string,
    readonly file: string,
  ) {}

  static async create(integration: { name: string; secret: string }): Promise<CatalogueStack> {
    const emulator = await startEmulator({ integrations: [integration] });
    const dir = await mkdtemp(path.join(tmpdir(), "proctor-catalogue-"));
    const file = path.join(dir, "catalogue.yaml");
    const stack = await PulumiStack.create({
      program: "scripts/lib/programs/catalogue/index.js",
      config: { "proctor:url": emulator.url, "proctor:integrationName": integration.name },
      secrets: { "proctor:jwtSecret": integration.secret },
      env: { E2E_CATALOGUE_FILE: file },
    });
    return new CatalogueStack(stack, emulator, dir, file);
  }

  async write(text: string): Promise<void> {
    await writeFile(this.file, text);
  }

  /** The stack's own cleanup comes last: it fails the test when a process of its runs is still alive. */
  async cleanup(): Promise<void> {
    await this.emulator.close();
    await rm(this.dir, { recursive: true, force: true });
    await this.stack.cleanup();
  }
}

/** Lines that look like a stack trace of this package's code. */
export const OUR_STACK_TRACE = /at .*(provider\/[a-z-]+\.(js|ts)|pulumi-proctor\/dist)/;
