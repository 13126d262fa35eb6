// Exams keyed by (integration, examId), the upsert key of §6.4, optionally persisted to a
// JSON file so an emulator restarted on the same file still answers 200 for known exams.

import { isJsonObject } from "./exam";
import { AtomicJsonFile } from "./persist";
import { renderExam, type ExamRecord } from "./render";
import type { ValidExam } from "./validate";

export interface StoredExam extends ExamRecord {
  integration: string;
  examId: string;
  unknownKeys: string[];
  createdAt: string;
  updatedAt: string;
  /** How many accepted writes this exam has had. */
  writes: number;
  /** Store-wide write counter at this exam's last write: the highest revision is the newest write. */
  revision: number;
}

/** An exam as the inspection hooks show it. */
export interface ExamView {
  integration: string;
  examId: string;
  /** What the API answered for the last write: the caller's keys and spelling, defaults filled in. */
  exam: Record<string, unknown>;
  /** scoreConfig under its canonical snake_case names. */
  scoreConfig: Record<string, number>;
  unknownKeys: string[];
  createdAt: string;
  updatedAt: string;
  writes: number;
  revision: number;
}

const FORMAT = "proctor-emulator-exams/1";

interface Snapshot {
  format: typeof FORMAT;
  revision: number;
  exams: StoredExam[];
}

export class ExamStore {
  private readonly exams = new Map<string, StoredExam>();
  private revision = 0;
  private readonly file: AtomicJsonFile | undefined;

  private constructor(persistPath: string | undefined) {
    this.file = persistPath === undefined ? undefined : new AtomicJsonFile(persistPath, () => this.snapshot());
  }

  static async open(persistPath?: string): Promise<ExamStore> {
    const store = new ExamStore(persistPath);
    if (store.file) store.restore(await store.file.read());
    return store;
  }

  /**
   * Replaces the exam (no merge: an update is the new body with defaults). Synchronous, so
   * whichever concurrent request reaches this line first for a new key is the only `created`.
   */
  upsert(integration: string, exam: ValidExam, now: Date): { created: boolean; stored: StoredExam } {
    const key = storeKey(integration, exam.examId);
    const previous = this.exams.get(key);
    const stored: StoredExam = {
      integration,
      examId: exam.examId,
      fields: exam.fields,
      scoreConfig: exam.scoreConfig,
      scoreSpelling: exam.scoreSpelling,
      unknownKeys: exam.unknownKeys,
      createdAt: previous?.createdAt ?? now.toISOString(),
      updatedAt: now.toISOString(),
      writes: (previous?.writes ?? 0) + 1,
      revision: ++this.revision,
    };
    this.exams.set(key, stored);
    return { created: previous === undefined, stored };
  }

  get(integration: string, examId: string): StoredExam | undefined {
    return this.exams.get(storeKey(integration, examId));
  }

  list(): StoredExam[] {
    return [...this.exams.values()];
  }

  clear(): void {
    this.exams.clear();
  }

  /** Resolves once the current contents are on disk (immediately without a persist file). */
  saved(): Promise<void> {
    return this.file ? this.file.save() : Promise.resolve();
  }

  idle(): Promise<void> {
    return this.file ? this.file.idle() : Promise.resolve();
  }

  private snapshot(): Snapshot {
    return { format: FORMAT, revision: this.revision, exams: this.list() };
  }

  private restore(data: unknown): void {
    if (data === undefined) return;
    if (!isJsonObject(data) || data.format !== FORMAT || !Array.isArray(data.exams)) {
      throw new Error(`${this.file?.path} is not an emulator exam file (expected format ${FORMAT})`);
    }
    for (const exam of data.exams as StoredExam[]) {
      this.exams.set(storeKey(exam.integration, exam.examId), exam);
    }
    this.revision = typeof data.revision === "number" ? data.revision : 0;
  }
}

export function viewExam(stored: StoredExam): ExamView {
  return structuredClone({
    integration: stored.integration,
    examId: stored.examId,
    exam: renderExam(stored),
    scoreConfig: stored.scoreConfig,
    unknownKeys: stored.unknownKeys,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    writes: stored.writes,
    revision: stored.revision,
  });
}

// JSON quoting keeps the pair unambiguous whatever characters either part holds.
function storeKey(integration: string, examId: string): string {
  return JSON.stringify([integration, examId]);
}
