// ${DESCRIPTION}
//
// Every exam of catalogue.yaml, kept in Constructor Proctor: edit the file, then
//   pulumi preview --diff    # which exams change and how; nothing is sent
//   pulumi up                # sends each changed exam as a signed upsert
// The connection is the stack's config (set by `pulumi new`; change it with
// `pulumi config set proctor:url ...`, `pulumi config set --secret proctor:jwtSecret`).
import * as path from "node:path";
import { Catalogue } from "pulumi-proctor";

const catalogue = new Catalogue("exams", { files: path.join(__dirname, "catalogue.yaml") });

/** The exams of the catalogue, by examId. */
export const examIds = Object.keys(catalogue.exams);
