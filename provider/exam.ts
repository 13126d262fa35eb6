import * as pulumi from "@pulumi/pulumi";
import type { ExamInput, ExamSpec } from "./schema";
import type { ServerView } from "./state";

/**
 * The provider as it is stored in each resource's state: a shim whose methods
 * load the installed package when they run. It holds no logic, no captured module
 * and no credentials, stays well under a kilobyte, and lets a package upgrade
 * take effect for the update, refresh and delete of resources made before it.
 */
const shim: pulumi.dynamic.ResourceProvider = {
  configure: (req) => require("pulumi-proctor/dist/provider/provider").examProvider.configure(req),
  check: (olds, news) => require("pulumi-proctor/dist/provider/provider").examProvider.check(olds, news),
  diff: (id, olds, news) => require("pulumi-proctor/dist/provider/provider").examProvider.diff(id, olds, news),
  create: (inputs) => require("pulumi-proctor/dist/provider/provider").examProvider.create(inputs),
  read: (id, props) => require("pulumi-proctor/dist/provider/provider").examProvider.read(id, props),
  update: (id, olds, news) => require("pulumi-proctor/dist/provider/provider").examProvider.update(id, olds, news),
  delete: (id, props) => require("pulumi-proctor/dist/provider/provider").examProvider.delete(id, props),
};

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
    super(shim, name, { ...args, server: undefined, schemaVersion: undefined }, opts, "proctor", "Exam");
  }
}
