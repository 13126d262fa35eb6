import * as pulumi from "@pulumi/pulumi";
import * as provider from "./provider";
import type { ExamInput, ExamSpec } from "./schema";
import type { ServerView } from "./state";

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
    // The provider passed is this package's provider module itself. Pulumi stores a
    // module that lives under node_modules as `require("<its path>")`: about 300 bytes
    // a resource, no logic, no credentials, and always the installed code when it runs.
    super(provider, name, { ...args, server: undefined, schemaVersion: undefined }, opts, "proctor", "Exam");
  }
}

/**
 * Anywhere else (a linked checkout, Yarn Plug'n'Play), Pulumi would inline the
 * whole provider and its dependencies into every resource's state instead.
 */
function assertInstalled(): void {
  if (!__dirname.split(/[\\/]/).includes("node_modules")) {
    throw new Error(
      `pulumi-proctor must be installed in a node_modules folder (npm, pnpm, or yarn with nodeLinker: node-modules); it was loaded from ${__dirname}`,
    );
  }
}
