// `npm run docs`: regenerates the README's reference tables from the code, between
// markers such as <!-- fields:begin --> and <!-- fields:end -->. `--check` only
// reports whether they are stale (exit 1), for CI; test/readme.test.ts does the same.
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { renderTuningTable } from "./config";
import { renderErrorTable } from "./errors";
import { renderFieldTable } from "./fields";

export const README = path.resolve(__dirname, "..", "..", "..", "README.md");

/** Each generated section of the README, by marker name. */
export const GENERATED: Record<string, () => string> = {
  fields: renderFieldTable,
  tuning: renderTuningTable,
  errors: renderErrorTable,
};

/** The README with every generated section replaced by what the code says now. */
export function updateReadme(text: string): string {
  let result = text;
  for (const [name, render] of Object.entries(GENERATED)) {
    const begin = `<!-- ${name}:begin -->`;
    const end = `<!-- ${name}:end -->`;
    const from = result.indexOf(begin);
    const to = result.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md has no ${begin} ... ${end} markers`);
    result = `${result.slice(0, from + begin.length)}\n${render()}\n${result.slice(to)}`;
  }
  return result;
}

if (require.main === module) {
  const current = readFileSync(README, "utf8");
  const updated = updateReadme(current);
  if (process.argv.includes("--check")) {
    if (updated !== current) {
      console.error("README.md reference tables are stale: run npm run docs");
      process.exitCode = 1;
    }
  } else if (updated !== current) {
    writeFileSync(README, updated);
    console.log("README.md reference tables updated");
  } else {
    console.log("README.md reference tables are up to date");
  }
}
