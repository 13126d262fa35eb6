// The example catalogue: every exam of catalogue.yaml, one Exam each, under one
// Catalogue component. The root Pulumi.yaml runs this program (`npm start`).
// A standard Pulumi TypeScript project; copy this folder, then:
//   npm install
//   pulumi stack init dev
//   pulumi config set proctor:url https://proctor.example.org
//   pulumi config set proctor:integrationName my-lms
//   pulumi config set --secret proctor:jwtSecret
//   pulumi preview --diff && pulumi up
import * as path from "node:path";
import { Catalogue } from "pulumi-proctor";

// Beside this file, wherever the project runs from.
const catalogue = new Catalogue("university", { files: path.join(__dirname, "catalogue.yaml") });

/** examId → name and what Proctor answered to its last upsert (201 created, 200 updated). */
export const exams = Object.fromEntries(
  Object.entries(catalogue.exams).map(([examId, exam]) => [
    examId,
    { name: exam.examName, status: exam.server.status, adopted: exam.server.adopted },
  ]),
);
