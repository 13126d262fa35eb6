// One catalogue, deployed to two integrations: stack "staging" and stack
// "production". The stacks differ only in config (Pulumi.staging.yaml,
// Pulumi.production.yaml): where the exams go, and whether they are trials.
// A change is previewed and applied on staging first, then on production:
//   pulumi up --stack staging
//   pulumi up --stack production
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Catalogue } from "pulumi-proctor";

// Explicit namespace: the keys read the same whatever the project is called.
const settings = new pulumi.Config("two-integrations");

const catalogue = new Catalogue("exams", {
  // The same catalogue as examples/catalogue (the program runs from dist/examples/two-integrations/).
  files: path.resolve(__dirname, "../../../examples/catalogue/catalogue.yaml"),
  // The widest level, under the whole file: staging exams are trials, left out of reports.
  defaults: { trial: settings.getBoolean("trial") ?? false },
});

export const integration = new pulumi.Config("proctor").get("integrationName");
export const examIds = Object.keys(catalogue.exams);
