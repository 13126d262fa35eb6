// The benchmark's floor: scripts/lib/programs/exams with a no-op dynamic provider. Same
// resources, same names, same inputs (read from E2E_EXAMS_FILE), same resource
// shape and stack output; only the Exam provider's own work is missing.
import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { NOOP_PACKAGES, installedProvider } from "./installed";
import type * as NoopProvider from "./provider";

interface Declared {
  name: string;
  args: Record<string, unknown>;
}

const provider = installedProvider<typeof NoopProvider>(NOOP_PACKAGES.exam);

class NoopExam extends pulumi.dynamic.Resource {
  declare readonly examId: pulumi.Output<string>;
  constructor(name: string, args: Record<string, unknown>) {
    // The same extra keys as Exam, so both stacks hold the same inputs.
    super(provider, name, { ...args, server: undefined, schemaVersion: undefined }, {}, "noop", "Exam");
  }
}

const file = process.env.E2E_EXAMS_FILE;
if (!file) throw new Error("E2E_EXAMS_FILE is not set");
const declared = JSON.parse(readFileSync(file, "utf8")) as Declared[];

export const examIds = declared.map(({ name, args }) => new NoopExam(name, args).examId);
