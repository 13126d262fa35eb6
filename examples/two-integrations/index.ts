// One catalogue, deployed to two integrations: stack "staging" and stack
// "production". The stacks differ only in config (Pulumi.staging.yaml,
// Pulumi.production.yaml): where the exams go, and whether they are trials.
// A change is previewed and applied on staging first, then on production:
//   npm install
//   pulumi stack init staging && pulumi config set --secret proctor:jwtSecret --stack staging
//   pulumi up --stack staging
//   pulumi stack init production && pulumi config set --secret proctor:jwtSecret --stack production
//   pulumi up --stack production
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Catalogue } from "pulumi-proctor";

// Explicit namespace: the keys read the same whatever the project is called.
const settings = new pulumi.Config("two-integrations");

const catalogue = new Catalogue("exams", {
  // Beside this file, wherever the project runs from.
  files: path.join(__dirname, "exams.yaml"),
  // The widest level, under the whole file: staging exams are trials, left out of reports.
  defaults: { trial: settings.getBoolean("trial") ?? false },
});

export const integration = new pulumi.Config("proctor").get("integrationName");
export const examIds = Object.keys(catalogue.exams);
