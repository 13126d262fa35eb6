// One stage of the catalogue bench, alone in its process (see catalogue.ts):
// `node catalogue-load.js node|parse|load FILE EXPECTED`; prints its figures as JSON.
// Each stage loads only the modules it needs, so "node" is Node's own floor.
import type * as File from "../../provider/catalogue/file";
import type * as Load from "../../provider/catalogue/load";

export type LoadStage = "node" | "parse" | "load";

export interface LoadFigures {
  seconds: number;
  peakRssBytes: number;
}

const [stage, file, expected] = process.argv.slice(2) as [LoadStage, string, string];
const started = performance.now();
if (stage === "parse") {
  const { readCatalogueFile } = require("../../provider/catalogue/file") as typeof File;
  const read = readCatalogueFile(file);
  if (Array.isArray(read)) throw new Error(`the generated catalogue does not parse: ${read.map((problem) => problem.reason).join("; ")}`);
} else if (stage === "load") {
  const { loadCatalogue } = require("../../provider/catalogue/load") as typeof Load;
  const exams = loadCatalogue({ files: file });
  if (exams.length !== Number(expected)) throw new Error(`loadCatalogue gave ${exams.length} exams, expected ${expected}`);
}
const figures: LoadFigures = { seconds: (performance.now() - started) / 1000, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
process.stdout.write(JSON.stringify(figures));
