// One examId declared twice, on the default connection and on "mirror" (which the
// test points at the same integration), and not known until the update: it is
// derived from a resource created in it. With E2E_SECOND_COPY set (a folder holding
// another installed copy of the package, as in a project where two dependencies each
// install their own), the second Exam comes from it: the copies do not share the
// program's duplicate guard.
import * as pulumi from "@pulumi/pulumi";
import * as proctor from "pulumi-proctor";
import { validExam } from "../../../scripts/lib/exams";

const termProvider: pulumi.dynamic.ResourceProvider = {
  async create() {
    return { id: "term", outs: { code: "2027s" } };
  },
};

/** A resource whose `code` is known only once it is created: during preview it is unknown. */
class Term extends pulumi.dynamic.Resource {
  declare readonly code: pulumi.Output<string>;
  constructor(name: string) {
    super(termProvider, name, { code: undefined }, {}, "e2e", "Term");
  }
}

const examId = new Term("term").code.apply((code) => `${code}-phy-final`);
const args = validExam({ examId: "placeholder" }) as unknown as proctor.ExamArgs;
new proctor.Exam("first", { ...args, examId });
const { Exam } = process.env.E2E_SECOND_COPY ? (require(process.env.E2E_SECOND_COPY) as typeof proctor) : proctor;
new Exam("second", { ...args, examId, examName: "Physics final (copy)", connection: "mirror" });
