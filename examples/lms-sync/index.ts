// LMS sync: reconciles Proctor with an LMS's quiz export through Pulumi's
// Automation API, with no Pulumi project to keep in the repository: the program
// is a function in this script, run in-process against a local workspace.
// A standard Node.js TypeScript project; copy this folder, then:
//
//   npm install
//   npm run sync -- [--preview] [--stack NAME] [--work-dir DIR] [EXPORT.json]
//
// (`npm run sync` compiles with tsc into bin/ and runs bin/index.js.) The connection
// comes from the environment (PROCTOR_URL, PROCTOR_INTEGRATION_NAME,
// PROCTOR_JWT_SECRET) or from the stack's proctor: config; the state backend from
// PULUMI_BACKEND_URL (e.g. file://..., s3://...) and PULUMI_CONFIG_PASSPHRASE.
import { mkdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { Catalogue, CatalogueError, loadCatalogue } from "pulumi-proctor";
import { catalogueOf, type LmsQuiz } from "./mapping";

/** The project folder (this script runs compiled, from bin/). */
const PROJECT = path.resolve(__dirname, "..");

const { values, positionals } = parseArgs({
  options: {
    preview: { type: "boolean", default: false },
    stack: { type: "string", default: "lms" },
    // The workspace folder must sit where `pulumi-proctor` resolves from node_modules:
    // the dynamic provider runs there. By default, .workspace/ in this project.
    "work-dir": { type: "string", default: path.join(PROJECT, ".workspace") },
  },
  allowPositionals: true,
});

async function main(): Promise<void> {
  const exportFile = path.resolve(positionals[0] ?? path.join(PROJECT, "lms-export.json"));
  const catalogue = catalogueOf(JSON.parse(readFileSync(exportFile, "utf8")) as LmsQuiz[]);
  // Fail on a bad export before Pulumi starts: every problem at once, nothing sent.
  const exams = loadCatalogue({ catalogue });
  console.log(`${exportFile}: ${exams.length} exams`);

  const workDir = path.resolve(values["work-dir"]);
  mkdirSync(workDir, { recursive: true });
  const stack = await LocalWorkspace.createOrSelectStack(
    {
      stackName: values.stack,
      projectName: "lms-sync",
      program: async () => {
        const declared = new Catalogue("lms", { catalogue });
        return { examIds: Object.keys(declared.exams) };
      },
    },
    { workDir, projectSettings: { name: "lms-sync", runtime: "nodejs" } },
  );
  const onOutput = (text: string): void => void process.stdout.write(text);
  if (values.preview) {
    const result = await stack.preview({ diff: true, onOutput });
    console.log(`preview: ${JSON.stringify(result.changeSummary)}`);
  } else {
    const result = await stack.up({ onOutput });
    console.log(`sync: ${JSON.stringify(result.summary.resourceChanges ?? {})}`);
  }
}

main().catch((error: unknown) => {
  // A catalogue problem or a failed pulumi run: its message is the whole story.
  console.error(error instanceof CatalogueError ? error.message : String((error as Error).message ?? error));
  process.exitCode = 1;
});
