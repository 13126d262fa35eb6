import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { CatalogueError, loadCatalogue, type Catalogue, type CatalogueSources } from "pulumi-proctor";
import { tempFolder, type TempFolder } from "./temp-folder";

// What the unit tests of provider/catalogue share: a folder of catalogue files,
// the problems of a catalogue that must fail, and Pulumi's mocks in place of the engine.

/** The fields every exam needs, written once at the top of a test's catalogue file. */
export const HOUSE = `
schedule: false
proctoring: auto
duration: 90
startDate: "2027-01-11T08:00:00Z"
endDate: "2027-01-29T20:00:00Z"
rules: { allow_to_use_paper: true, allow_to_use_calculator: false }
scoreConfig: { cheaterLevel: 80 }
`;

export interface CatalogueFolder extends TempFolder {
  /** Writes `text` to `name` in the folder and returns its full path. */
  file(name: string, text: string): Promise<string>;
  /** The problems of a catalogue that must fail, its files resolved from the folder. */
  problemsOf(sources: CatalogueSources): string[];
}

/** A temporary folder of catalogue files for the enclosing describe's tests (see tempFolder). */
export function catalogueFolder(prefix: string): CatalogueFolder {
  const folder = tempFolder(prefix);
  return {
    get dir() {
      return folder.dir;
    },
    async file(name, text) {
      const full = path.join(folder.dir, name);
      await writeFile(full, text);
      return full;
    },
    problemsOf: (sources) => problemsOf(sources, folder.dir),
  };
}

/** The problems of a catalogue that must fail, one line each, as the user reads them. */
function problemsOf(sources: CatalogueSources, cwd?: string): string[] {
  try {
    loadCatalogue(sources, cwd);
  } catch (error) {
    assert.ok(error instanceof CatalogueError, `expected a CatalogueError, got ${String(error)}`);
    return error.message.split("\n").slice(1).map((line) => line.replace(/^ {2}- /, ""));
  }
  assert.fail("the catalogue was accepted");
}

export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/**
 * Runs `declare` under Pulumi's mocks (project "catalogue", stack "test", a preview)
 * and returns what it registered, with each exam's URN. The mocks are set on each call,
 * before anything is declared: they are global, and other files of the unit tier set theirs.
 */
export async function registered(declare: () => Catalogue | void): Promise<{ resources: Registered[]; urns: Map<string, string> }> {
  const resources: Registered[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        resources.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        return { id: args.custom ? String(args.inputs.examId) : undefined, state: args.inputs };
      },
      call: () => ({}),
    },
    "catalogue",
    "test",
    true,
  );
  const catalogue = declare();
  const urns = new Map<string, string>();
  if (catalogue) {
    for (const [examId, exam] of Object.entries(catalogue.exams)) {
      urns.set(examId, await new Promise<string>((resolve) => exam.urn.apply(resolve)));
    }
    await new Promise((resolve) => catalogue.urn.apply(resolve));
  }
  return { resources, urns };
}

/** A catalogue's window, account and exam name, for tests of presets and templates that vary the rest. */
export const WINDOW = `
startDate: "2027-01-11T08:00:00+03:00"
endDate: "2027-01-29T20:00:00+03:00"
accountId: "100"
accountName: Science
examName: Exam
`;

/** The required fields no preset of those tests gives. */
export const REQUIRED = `
duration: 90
schedule: true
proctoring: offline
`;

/** A term's catalogue whose exams take their examIds from a template, but for one explicit id. */
export const TERM = `${WINDOW.replace(/accountId.*\naccountName.*\n/, "")}${REQUIRED}term: 2026-autumn
examIdTemplate: "{course}-{term}-{kind}"
accounts:
  - accountId: "100"
    accountName: Science
    courses:
      - courseName: Physics 101 (Lab)
        exams:
          - kind: midterm
          - kind: final
          - examId: phy-retake-special     # explicit wins over the template
      - courseName: Chemistry
        courseCode: CHM-110                # an explicit code wins over the slug of the name
        exams:
          - kind: final
`;

/** Loads catalogue text written to a file of the enclosing describe's folder, or lists its problems. */
export function catalogueTexts(prefix: string) {
  const folder = catalogueFolder(prefix);
  const load = async (text: string, name = "catalogue.yaml") => {
    await folder.file(name, text);
    return loadCatalogue({ files: name }, folder.dir);
  };
  return {
    load,
    async problemsOf(text: string): Promise<string[]> {
      await folder.file("catalogue.yaml", text);
      return folder.problemsOf({ files: "catalogue.yaml" });
    },
  };
}
