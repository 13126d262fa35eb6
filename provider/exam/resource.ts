import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../errors";
import { claimed } from "./claims";
import { heldBack, refuseCredentialArguments, refusedSecrets, warnIfSecretInPlainConfig } from "./program-guards";
import * as provider from "../provider";
import type { ExamInput, ExamSpec } from "./schema";
import type { ServerView } from "./state";
import type { CheckedInputs, StoredOutputs } from "./lifecycle";

/** The arguments of an Exam: the API's own field names, each value may be an Output. */
export type ExamArgs = { [K in keyof ExamInput]: pulumi.Input<ExamInput[K]> };

/**
 * A Constructor Proctor exam, reconciled with signed upserts. Its id is the
 * examId; changing examId, accountId or the connection replaces it.
 */
export class Exam extends pulumi.dynamic.Resource {
  declare readonly examId: pulumi.Output<string>;
  declare readonly accountId: pulumi.Output<string>;
  declare readonly examName: pulumi.Output<string>;
  declare readonly deletionPolicy: pulumi.Output<ExamSpec["deletionPolicy"]>;
  /** What Proctor answered to the last upsert, and where the exam lives. */
  declare readonly server: pulumi.Output<ServerView>;

  constructor(name: string, args: ExamArgs, opts?: pulumi.CustomResourceOptions) {
    assertInstalled();
    refuseCredentialArguments(name, args);
    warnIfSecretInPlainConfig();
    // The examId input holds the whole registration back: nothing of this exam is
    // registered (or sent) before the checks that need the values have passed.
    const examId = heldBack(refusedSecrets(name, args), claimed(name, args.examId, args.connection));
    // The provider passed is this package's provider module itself. Pulumi stores a
    // module that lives under node_modules as `require("<its path>")`: about 300 bytes
    // a resource, no logic, no credentials, and always the installed code when it runs.
    const secretInputs = secretArgumentNames(args);
    const inputs = { ...args, examId, ...(secretInputs && { __secretInputs: secretInputs }), server: undefined, schemaVersion: undefined };
    // Type-checked as a provider here, while staying a module whose exports are its methods.
    super(provider satisfies pulumi.dynamic.ResourceProvider<CheckedInputs, StoredOutputs>, name, inputs, opts, "proctor", "Exam");
  }
}

/**
 * The names of the arguments passed as secrets. The engine encrypts an output
 * only under the key of a secret input; the provider needs the names to keep
 * those values out of the other outputs (Proctor's answer).
 */
function secretArgumentNames(args: ExamArgs): Promise<string[]> | undefined {
  // Only an argument holding an Output can be secret; most catalogues hold none,
  // and every input property costs the program an Output and four promises per exam.
  const candidates = Object.entries(args).filter(([, value]) => holdsOutput(value));
  if (candidates.length === 0) return undefined;
  const names = candidates.map(async ([key, value]) => ((await pulumi.isSecret(pulumi.output(value))) ? [key] : []));
  return Promise.all(names).then((lists) => lists.flat());
}

function holdsOutput(value: unknown): boolean {
  if (pulumi.Output.isInstance(value)) return true;
  return typeof value === "object" && value !== null && Object.values(value).some(holdsOutput);
}

/**
 * Anywhere else (a linked checkout, Yarn Plug'n'Play), Pulumi would inline the
 * whole provider and its dependencies into every resource's state instead.
 */
function assertInstalled(): void {
  if (!__dirname.split(/[\\/]/).includes("node_modules")) {
    throw new ConfigError(
      "PACKAGE_LOCATION",
      `pulumi-proctor must be installed in a node_modules folder (npm, pnpm, or yarn with nodeLinker: node-modules); it was loaded from ${__dirname}`,
    );
  }
}
