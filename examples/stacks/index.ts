// One catalogue, split into shares that stacks deploy side by side: each stack
// has its own lock, state file and process, so a catalogue too big for one stack
// is previewed and applied by several CI jobs at once (../ci/stacks.yml).
// catalogue.yaml says which share each account or course is in (`share:`);
// Pulumi.yaml says which shares each stack declares (`proctor:shares`). The program
// is the same for every stack: the Catalogue declares only the stack's shares.
//   npm install
//   npx pulumi-proctor lint --stacks catalogue.yaml   # each exam in exactly one stack
//   pulumi stack init sciences && pulumi up --stack sciences
//   pulumi stack init humanities && pulumi up --stack humanities
// (with PROCTOR_JWT_SECRET exported, as ../ci/stacks.yml does).
import * as path from "node:path";
import { Catalogue } from "pulumi-proctor";

// Beside this file, wherever the project runs from.
const catalogue = new Catalogue("university", { files: path.join(__dirname, "catalogue.yaml") });

export const examIds = Object.keys(catalogue.exams);
