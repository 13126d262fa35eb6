// `npm run docs`: regenerates the documentation's reference tables from the code,
// between markers such as <!-- fields:begin --> and <!-- fields:end --> in the page
// that holds them. `--check` only reports whether they are stale (exit 1), for CI;
// test/unit/repository/docs.test.ts does the same.
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { renderTuningTable } from "./config";
import { renderErrorTable } from "./errors";
import { renderFieldTable } from "./fields";

export const REPO = path.resolve(__dirname, "..", "..", "..");

/** Each generated section: the page (from the repository's root) and its marker name. */
export const GENERATED: readonly { page: string; name: string; render: () => string }[] = [
  { page: "docs/exams.md", name: "fields", render: renderFieldTable },
  { page: "docs/configuration.md", name: "tuning", render: renderTuningTable },
  { page: "docs/errors.md", name: "errors", render: renderErrorTable },
];

/** A page with its generated section `name` replaced by what the code says now. */
export function regenerate(text: string, page: string, name: string, render: () => string): string {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${page} has no ${begin} ... ${end} markers`);
  return `${text.slice(0, from + begin.length)}\n${render()}\n${text.slice(to)}`;
}

/** Every page holding generated sections, as it is and as the code says it should be. */
export function generatedPages(): { page: string; current: string; updated: string }[] {
  const pages = [...new Set(GENERATED.map((g) => g.page))];
  return pages.map((page) => {
    const current = readFileSync(path.join(REPO, page), "utf8");
    const updated = GENERATED.filter((g) => g.page === page).reduce((text, g) => regenerate(text, page, g.name, g.render), current);
    return { page, current, updated };
  });
}

if (require.main === module) {
  const stale = generatedPages().filter((p) => p.updated !== p.current);
  if (process.argv.includes("--check")) {
    for (const { page } of stale) console.error(`${page}: reference tables are stale: run npm run docs`);
    if (stale.length > 0) process.exitCode = 1;
  } else {
    for (const { page, updated } of stale) writeFileSync(path.join(REPO, page), updated);
    console.log(stale.length > 0 ? `updated: ${stale.map((p) => p.page).join(", ")}` : "reference tables are up to date");
  }
}
