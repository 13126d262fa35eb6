// The catalogue program the end-to-end tests drive: one Catalogue over the
// YAML/JSON file named by E2E_CATALOGUE_FILE.
import { Catalogue } from "pulumi-proctor";

const file = process.env.E2E_CATALOGUE_FILE;
if (!file) throw new Error("E2E_CATALOGUE_FILE is not set");

export const examIds = Object.keys(new Catalogue("e2e", { files: file }).exams);
