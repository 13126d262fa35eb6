// The catalogue program the end-to-end tests and the course-granularity bench
// drive: one Catalogue over the YAML/JSON file named by E2E_CATALOGUE_FILE, named
// E2E_CATALOGUE_NAME (default "e2e"), with the former names in E2E_CATALOGUE_ALIASES
// (comma-separated) as aliases, and the granularity in E2E_CATALOGUE_GRANULARITY
// (default: one Exam per entry).
import { Catalogue, type Granularity } from "pulumi-proctor";

const file = process.env.E2E_CATALOGUE_FILE;
if (!file) throw new Error("E2E_CATALOGUE_FILE is not set");
const name = process.env.E2E_CATALOGUE_NAME || "e2e";
const aliases = (process.env.E2E_CATALOGUE_ALIASES ?? "").split(",").filter(Boolean).map((alias) => ({ name: alias }));

export const examIds = Object.keys(new Catalogue(name, { files: file, granularity: (process.env.E2E_CATALOGUE_GRANULARITY || undefined) as Granularity | undefined }, { aliases }).exams);
