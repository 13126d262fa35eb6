import assert from "node:assert/strict";
import { test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { Catalogue, type CatalogueDocument, type Granularity } from "pulumi-proctor";
import { decodeExam } from "../../provider/group/shape";

// A Catalogue's granularity, seen from the program: which resources it declares,
// what each holds, and the per-exam outputs read off them (Pulumi's mocks in place of the engine).

const DOCUMENT: CatalogueDocument = {
  schedule: false,
  proctoring: "auto",
  duration: 60,
  startDate: "2027-01-11T08:00:00Z",
  endDate: "2027-01-29T20:00:00Z",
  accounts: [
    {
      accountId: "100",
      accountName: "Science",
      courses: [
        { courseName: "Physics", exams: [{ examId: "phy-final", examName: "Physics final" }, { examId: "phy-quiz", examName: "Physics quiz", accountId: "101" }] },
        { courseName: "Chemistry", exams: [{ examId: "che-final", examName: "Chemistry final" }] },
      ],
    },
  ],
} as CatalogueDocument;

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

async function declared(granularity: Granularity): Promise<{ resources: Registered[]; catalogue: Catalogue }> {
  const resources: Registered[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        resources.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        const exams = args.inputs.exams as Record<string, string> | undefined;
        // As the provider answers: every exam's server view, by examId.
        const servers = exams && Object.fromEntries(Object.keys(exams).map((id) => [id, JSON.stringify({ url: "https://p.example", integrationName: "lms", status: 201, adopted: false })]));
        return { id: `${args.name}-id`, state: { ...args.inputs, ...(servers && { servers }) } };
      },
      call: () => ({}),
    },
    "granularity",
    "test",
    false,
  );
  const catalogue = new Catalogue("uni", { catalogue: DOCUMENT, granularity });
  await new Promise((resolve) => catalogue.urn.apply(resolve));
  for (const exam of Object.values(catalogue.exams)) await new Promise((resolve) => exam.urn.apply(resolve));
  return { resources, catalogue };
}

const valueOf = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

test("course granularity: one ExamGroup per account and course, each exam one JSON string of its merged arguments under its examId", async () => {
  const { resources, catalogue } = await declared("course");
  const groups = resources.filter((r) => r.type === "pulumi-nodejs:dynamic/proctor:ExamGroup");
  assert.deepEqual(groups.map((g) => g.name).sort(), ["uni-100-Chemistry", "uni-100-Physics", "uni-101-Physics"]);
  assert.equal(resources.filter((r) => r.type === "pulumi-nodejs:dynamic/proctor:Exam").length, 0);
  const physics = groups.find((g) => g.name === "uni-100-Physics")!.inputs.exams as Record<string, string>;
  assert.deepEqual(Object.keys(physics), ["phy-final"]);
  assert.deepEqual(decodeExam(physics["phy-final"]), {
    accountId: "100",
    accountName: "Science",
    courseName: "Physics",
    duration: 60,
    endDate: "2027-01-29T20:00:00Z",
    examId: "phy-final",
    examName: "Physics final",
    proctoring: "auto",
    schedule: false,
    startDate: "2027-01-11T08:00:00Z",
  });
  assert.equal(Object.keys(catalogue.exams).length, 3);
  assert.equal((await valueOf(catalogue.exams["phy-quiz"].server))?.status, 201);
  assert.equal(await valueOf(catalogue.exams["che-final"].examId), "che-final");
});

test("account granularity: one ExamGroup per account; exam granularity (the default): one Exam per entry", async () => {
  const account = await declared("account");
  assert.deepEqual(account.resources.filter((r) => r.type.endsWith(":ExamGroup")).map((g) => g.name).sort(), ["uni-100", "uni-101"]);
  const exam = await declared("exam");
  assert.deepEqual(exam.resources.filter((r) => r.type.endsWith(":Exam")).map((g) => g.name).sort(), ["uni-che-final", "uni-phy-final", "uni-phy-quiz"]);
  assert.deepEqual(exam.catalogue.groups, {});
});
