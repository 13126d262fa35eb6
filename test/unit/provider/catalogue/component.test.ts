import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { Catalogue, CatalogueError, examResourceName, loadCatalogue, type CatalogueDocument, type CatalogueFields, type CatalogueSources, type Granularity } from "pulumi-proctor";
import { decodeExam } from "../../../../provider/group/shape";
import { registered, type Registered } from "../../../harness/catalogue";

describe("provider/catalogue/component", () => {
  // ---- Declaring resources (Pulumi's mocks in place of the engine) -----------

  function exam(i: number): CatalogueFields {
    return { examId: `exam-${String(i).padStart(4, "0")}`, examName: `Exam ${i}` };
  }

  function bigCatalogue(ids: number[]): CatalogueSources {
    return {
      catalogue: {
        accountId: "1",
        accountName: "Big university",
        schedule: false,
        proctoring: "auto",
        duration: 60,
        startDate: "2027-01-11T08:00:00Z",
        endDate: "2027-01-29T20:00:00Z",
        exams: ids.map(exam),
      },
    };
  }

  it("each exam is an Exam named <catalogue>-<examId>, parented to the Catalogue component", async () => {
    const { resources, urns } = await registered(
      () => new Catalogue("uni", { ...bigCatalogue([1, 2]), examOptions: (e) => (e.examId === "exam-0002" ? { protect: true } : undefined) }),
    );
    assert.deepEqual(
      resources.map((r) => [r.type, r.name]),
      [
        ["proctor:index:Catalogue", "uni"],
        ["pulumi-nodejs:dynamic/proctor:Exam", "uni-exam-0001"],
        ["pulumi-nodejs:dynamic/proctor:Exam", "uni-exam-0002"],
      ],
    );
    assert.equal(urns.get("exam-0001"), "urn:pulumi:test::catalogue::proctor:index:Catalogue$pulumi-nodejs:dynamic/proctor:Exam::uni-exam-0001");
    const entries = loadCatalogue(bigCatalogue([1, 2]));
    for (const [i, entry] of entries.entries()) {
      const { __provider, __secretInputs, ...inputs } = resources[i + 1].inputs;
      assert.equal(__secretInputs, undefined, "without secret arguments the list is left out");
      assert.equal(typeof __provider, "string");
      assert.equal(resources[i + 1].name, examResourceName("uni", entry.examId));
      assert.deepEqual(inputs, { ...entry.args });
    }
  });

  it("adding one exam to a 500-exam catalogue adds exactly one resource and leaves the other 500 as they were", () => {
    // What Pulumi compares between two runs: resource names and their inputs. The
    // test above shows the Catalogue registers exactly examResourceName(...) with entry.args.
    const resourcesOf = (ids: number[]) =>
      new Map(loadCatalogue(bigCatalogue(ids)).map((e) => [examResourceName("big", e.examId), JSON.stringify(e.args)]));
    const before = Array.from({ length: 500 }, (_, i) => i * 2);
    const withOneMore = [...before.slice(0, 250), 999, ...before.slice(250)]; // inserted mid-file, not appended
    const was = resourcesOf(before);
    const now = resourcesOf(withOneMore);
    assert.equal(was.size, 500);
    assert.deepEqual([...now.keys()].filter((name) => !was.has(name)), ["big-exam-0999"]);
    assert.deepEqual([...was.keys()].filter((name) => now.get(name) !== was.get(name)), []);
  });

  it("a bad catalogue throws before anything is registered, not even the component", async () => {
    const bad = bigCatalogue([1, 1]);
    let thrown: unknown;
    const { resources } = await registered(() => {
      try {
        new Catalogue("bad", bad);
      } catch (error) {
        thrown = error;
      }
    });
    assert.ok(thrown instanceof CatalogueError);
    assert.ok(pulumi.RunError.isInstance(thrown), "Pulumi prints a RunError's message without a stack trace");
    assert.deepEqual(resources, []);
  });

  // ---- Granularity ----------------------------------------------------------------
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

  it("course granularity: one ExamGroup per account and course, each exam one JSON string of its merged arguments under its examId", async () => {
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

  it("account granularity: one ExamGroup per account; exam granularity (the default): one Exam per entry", async () => {
    const account = await declared("account");
    assert.deepEqual(account.resources.filter((r) => r.type.endsWith(":ExamGroup")).map((g) => g.name).sort(), ["uni-100", "uni-101"]);
    const exam = await declared("exam");
    assert.deepEqual(exam.resources.filter((r) => r.type.endsWith(":Exam")).map((g) => g.name).sort(), ["uni-che-final", "uni-phy-final", "uni-phy-quiz"]);
    assert.deepEqual(exam.catalogue.groups, {});
  });
});
