// Several catalogues in one program, as a term's catalogue next to one copied
// from it: one Catalogue per file in E2E_CATALOGUE_FILES (comma-separated),
// each named after its file (spring.yaml declares exams "spring-<examId>").
import * as path from "node:path";
import { Catalogue } from "pulumi-proctor";

const files = (process.env.E2E_CATALOGUE_FILES ?? "").split(",").filter(Boolean);
if (files.length === 0) throw new Error("E2E_CATALOGUE_FILES is not set");

export const examIds = files.flatMap((file) => Object.keys(new Catalogue(path.basename(file, path.extname(file)), { files: file }).exams));
