import * as pulumi from "@pulumi/pulumi";
import * as provider from "../group-provider";
import type { CheckedGroupInputs } from "./lifecycle";
import type { StoredGroupOutputs } from "./state";
import { GROUP_TYPE } from "./shape";

/**
 * A course's (or an account's) exams as one resource: what a Catalogue with
 * `granularity: "course"` or `"account"` declares, one per course or account.
 * Each exam is one canonical JSON string under its examId (see shape.ts).
 */
export class ExamGroup extends pulumi.dynamic.Resource {
  /** Per examId: the canonical JSON of the arguments Proctor holds. */
  declare readonly exams: pulumi.Output<Record<string, string>>;
  /** Per examId: JSON of where the exam lives and what Proctor answered (an Exam's `server`). */
  declare readonly servers: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: { exams: pulumi.Input<Record<string, string>> }, opts?: pulumi.CustomResourceOptions) {
    // The provider passed is the group provider module itself; state stores one `require` of it (see group-provider.ts).
    super(
      provider satisfies pulumi.dynamic.ResourceProvider<CheckedGroupInputs, StoredGroupOutputs>,
      name,
      { exams: args.exams, servers: undefined, schemaVersion: undefined },
      opts,
      "proctor",
      GROUP_TYPE,
    );
  }
}
