// The example catalogue: every exam of catalogue.yaml, one Exam each, under one
// Catalogue component. The root Pulumi.yaml runs this program (`npm start`).
import * as path from "node:path";
import { Catalogue } from "pulumi-proctor";

// The program runs compiled, from dist/examples/catalogue/; the YAML stays beside its source.
const file = path.resolve(__dirname, "../../../examples/catalogue/catalogue.yaml");

const catalogue = new Catalogue("university", { files: file });

/** examId → name and what Proctor answered to its last upsert (201 created, 200 updated). */
export const exams = Object.fromEntries(
  Object.entries(catalogue.exams).map(([examId, exam]) => [
    examId,
    { name: exam.examName, status: exam.server.status, adopted: exam.server.adopted },
  ]),
);
