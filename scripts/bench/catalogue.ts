import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import * as path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../lib/pulumi-stack";
import type { LoadStage, LoadFigures } from "./catalogue-load";

/**
 * Loading and checking a catalogue with no Pulumi at all (`loadCatalogue`), as a
 * CI lint step or `new Catalogue` does before anything is declared. Each stage
 * runs in a fresh process so its peak RSS is its own: bare Node, reading and
 * parsing the file, and the whole load (merge and validation of every exam).
 */
export interface CatalogueFigures {
  exams: number;
  accounts: number;
  coursesPerAccount: number;
  fileBytes: number;
  stages: Record<LoadStage, LoadFigures>;
}

const STAGES: LoadStage[] = ["node", "parse", "load"];

/**
 * A catalogue shaped like a university's: accounts with shared settings,
 * courses with their own name, duration and window, exams that only name
 * themselves, so the defaults at every level are exercised.
 */
export function catalogueYaml(exams: number, accounts: number, coursesPerAccount: number): string {
  const perCourse = Math.ceil(exams / (accounts * coursesPerAccount));
  const lines = ["proctoring: online", "identification: passport", "schedule: true", "accounts:"];
  let written = 0;
  for (let a = 0; a < accounts && written < exams; a++) {
    lines.push(`  - accountId: "${1000 + a}"`, `    accountName: Faculty ${a}`, "    rules:", "      allow_to_use_calculator: false", "    courses:");
    for (let c = 0; c < coursesPerAccount && written < exams; c++) {
      const day = String(1 + (c % 28)).padStart(2, "0");
      lines.push(
        `      - courseName: Course ${a}-${c}`,
        "        duration: 90",
        `        startDate: "2027-01-${day}T09:00:00+03:00"`,
        `        endDate: "2027-01-${day}T18:00:00+03:00"`,
        "        exams:",
      );
      for (let e = 0; e < perCourse && written < exams; e++, written++) {
        lines.push(`          - examId: ex-${a}-${c}-${e}`, `            examName: Exam ${e} of course ${a}-${c}`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

const run = promisify(execFile);

export async function benchCatalogue(dir: string, exams = 10_000, accounts = 10, coursesPerAccount = 50): Promise<CatalogueFigures> {
  const text = catalogueYaml(exams, accounts, coursesPerAccount);
  const file = path.join(dir, "catalogue.yaml");
  await writeFile(file, text);
  const stages = {} as Record<LoadStage, LoadFigures>;
  for (const stage of STAGES) {
    const { stdout } = await run(process.execPath, [path.join(REPO_ROOT, "dist", "scripts", "bench", "catalogue-load.js"), stage, file, String(exams)]);
    stages[stage] = JSON.parse(stdout) as LoadFigures;
  }
  return { exams, accounts, coursesPerAccount, fileBytes: Buffer.byteLength(text), stages };
}
