import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadCatalogue, type CatalogueFields } from "pulumi-proctor";
import { catalogueFolder } from "../../../harness/catalogue";

describe("provider/catalogue/load", () => {
  // A catalogue's sources combined: files, a JSON list of exams, a catalogue in code.
  const folder = catalogueFolder("catalogue-load-");
  const { file, problemsOf } = folder;

  it("files, a JSON list of exams and a catalogue in code combine; a duplicate across them names both places", async () => {
    await file(
      "export.json",
      JSON.stringify([{ examId: "lms-1", examName: "From the LMS", accountId: "9", accountName: "LMS", startDate: "2027-01-11T08:00:00Z", endDate: "2027-01-12T08:00:00Z" }]),
    );
    const fromCode: CatalogueFields = { examId: "code-1", examName: "From code", accountId: "9", accountName: "Code", startDate: "2027-01-11T08:00:00Z", endDate: "2027-01-12T08:00:00Z" };
    const defaults: CatalogueFields = { schedule: true, proctoring: "offline", duration: 60 };
    const exams = loadCatalogue({ files: ["export.json"], catalogue: { exams: [fromCode] }, defaults }, folder.dir);
    assert.deepEqual(exams.map((e) => [e.examId, e.source.file, e.args.proctoring]), [
      ["lms-1", "export.json", "offline"],
      ["code-1", "args.catalogue", "offline"],
    ]);
    assert.deepEqual(problemsOf({ files: ["export.json"], catalogue: [{ ...fromCode, examId: "lms-1" }], defaults: { ...defaults, trail: true } as CatalogueFields }), [
      'args.defaults (top level): trail: unknown key; did you mean "trial"?',
      'args.catalogue [0] (examId "lms-1"): examId: "lms-1" is declared twice; the first is at export.json [0]',
    ]);
  });
});
