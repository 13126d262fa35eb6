import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadCatalogue } from "pulumi-proctor";
import { HOUSE, catalogueFolder } from "../../../harness/catalogue";

describe("provider/catalogue/merge", () => {
  // Each level's fields applied below it, the nearest winning, sections merged key by key.
  const folder = catalogueFolder("catalogue-merge-");
  const { file } = folder;

  it("each level's fields apply below it, the nearest wins, and sections merge key by key", async () => {
    const yaml = await file(
      "levels.yaml",
      `${HOUSE}
accounts:
  - accountId: "100"
    accountName: Science
    proctoring: online
    courses:
      - courseName: Physics
        rules: { allow_to_use_calculator: true }
        exams:
          - examId: phy-final
            examName: Physics final
            duration: 120
            scoreConfig: { phone: 2.5 }
          - examId: phy-quiz
            examName: Physics quiz
            proctoring: offline
`,
    );
    const exams = loadCatalogue({ files: yaml }, folder.dir);
    assert.deepEqual(
      exams.map((e) => [e.examId, e.source.path]),
      [
        ["phy-final", "accounts[0].courses[0].exams[0]"],
        ["phy-quiz", "accounts[0].courses[0].exams[1]"],
      ],
    );
    assert.deepEqual(exams[0].args, {
      schedule: false,
      proctoring: "online",
      duration: 120,
      startDate: "2027-01-11T08:00:00Z",
      endDate: "2027-01-29T20:00:00Z",
      rules: { allow_to_use_paper: true, allow_to_use_calculator: true },
      scoreConfig: { cheaterLevel: 80, phone: 2.5 },
      accountId: "100",
      accountName: "Science",
      courseName: "Physics",
      examId: "phy-final",
      examName: "Physics final",
    });
    assert.equal(exams[1].args.proctoring, "offline");
    assert.equal(exams[1].args.duration, 90);
    assert.deepEqual(exams[1].args.scoreConfig, { cheaterLevel: 80 });
  });

  it("in code, a field left undefined keeps the wider level's value instead of erasing it", () => {
    const trialFromConfig: boolean | undefined = undefined; // e.g. config.getBoolean("trial") on a stack without it
    const [exam] = loadCatalogue({
      defaults: { trial: trialFromConfig },
      catalogue: {
        trial: true,
        accountId: "1", accountName: "A", schedule: false, proctoring: "auto", duration: 60,
        startDate: "2027-01-11T08:00:00Z", endDate: "2027-01-12T08:00:00Z",
        exams: [{ examId: "x", examName: "X", courseName: undefined }],
      },
    });
    assert.equal(exam.args.trial, true);
    assert.ok(!("courseName" in exam.args));
  });
});
