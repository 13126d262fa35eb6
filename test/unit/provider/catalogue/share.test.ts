import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { Catalogue, CatalogueError, loadCatalogue, type CatalogueExam } from "pulumi-proctor";
import { parseShares, selectShare, sharesOf } from "../../../../provider/catalogue/share";
import { HOUSE, catalogueFolder, registered } from "../../../harness/catalogue";

describe("provider/catalogue/share", () => {
  // Pulumi's mocks stand in for the engine: they are set before each declaration (test/harness/catalogue.ts).
  const folder = catalogueFolder("catalogue-share-");
  const { file, problemsOf } = folder;

  // ---- Shares: stacks side by side ---------------------------------------------

  const SHARED = `${HOUSE}
accounts:
  - accountId: "100"
    accountName: Science
    share: science
    courses:
      - courseName: Physics
        exams:
          - { examId: phy-final, examName: Physics final }
          - { examId: phy-quiz, examName: Physics quiz, share: quizzes }
      - courseName: Chemistry
        share: lab
        exams:
          - { examId: chem-final, examName: Chemistry final }
  - accountId: "200"
    accountName: Arts
    share: arts
    exams:
      - { examId: art-final, examName: Art final }
`;

  it("a level's share: applies to every exam below it, the nearest level's wins", async () => {
    const exams = loadCatalogue({ files: await file("shared.yaml", SHARED) }, folder.dir);
    assert.deepEqual(
      exams.map((e) => [e.examId, e.share]),
      [
        ["phy-final", "science"],
        ["phy-quiz", "quizzes"],
        ["chem-final", "lab"],
        ["art-final", "arts"],
      ],
    );
    // Not an exam field: nothing of it reaches the Exam's arguments.
    assert.ok(exams.every((e) => !("share" in e.args)));
  });

  it("a share must be a short name, and a preset cannot hold one", async () => {
    const yaml = await file(
      "bad-share.yaml",
      `${HOUSE}\npresets:\n  big: { share: science, duration: 120 }\naccountId: "1"\naccountName: A\nexams:\n  - { examId: a-1, examName: A, share: "two words" }\n`,
    );
    assert.deepEqual(problemsOf({ files: yaml }), [
      'bad-share.yaml:15:40: exams[0] (examId "a-1"): share: must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit (got "two words")',
      "bad-share.yaml:11:10: presets.big: share: not allowed in a preset: which stacks declare an exam is said by the level that holds it, where a reader looks for it, not by a bundle of settings",
    ]);
  });

  /** Declares the SHARED catalogue under mocks (stack "test") with `proctor:shares` as the engine passes it: JSON text. */
  async function declaredWithShares(shares: unknown): Promise<{ examIds: string[]; error?: unknown }> {
    const yaml = await file("shared.yaml", SHARED);
    pulumi.runtime.setConfig("proctor:shares", JSON.stringify(shares));
    try {
      let error: unknown;
      const { resources } = await registered(() => {
        try {
          return new Catalogue("uni", { files: yaml });
        } catch (thrown) {
          error = thrown;
          return undefined;
        }
      });
      return { examIds: resources.filter((r) => r.type === "pulumi-nodejs:dynamic/proctor:Exam").map((r) => String(r.inputs.examId)).sort(), error };
    } finally {
      pulumi.runtime.setAllConfig({});
    }
  }

  /** The lines of a CatalogueError after its headline. */
  function problemLines(error: unknown): string[] {
    assert.ok(error instanceof CatalogueError, `expected a CatalogueError, got ${String(error)}`);
    return error.message.split("\n").slice(1);
  }

  it("a stack whose entry in proctor:shares names shares declares only their exams; \"*\" declares them all", async () => {
    assert.deepEqual(await declaredWithShares({ test: "science", other: "arts" }), { examIds: ["phy-final"], error: undefined });
    assert.deepEqual(await declaredWithShares({ test: ["arts", "lab", "quizzes"] }), { examIds: ["art-final", "chem-final", "phy-quiz"], error: undefined });
    assert.deepEqual((await declaredWithShares({ test: "*", other: "arts" })).examIds, ["art-final", "chem-final", "phy-final", "phy-quiz"]);
  });

  it("a stack missing from proctor:shares, a share of no exam, an exam in no share, or a malformed map stops the program before anything is registered", async () => {
    const unlisted = await declaredWithShares({ tset: "science", other: "arts" });
    assert.deepEqual(unlisted.examIds, []);
    assert.deepEqual(problemLines(unlisted.error), [
      '  - stack config proctor:shares: has no entry for stack "test"; did you mean "tset"? (its stacks: other, tset): add `test: <share>`, or `test: "*"` for the whole catalogue',
    ]);
    const typo = await declaredWithShares({ test: ["science", "atrs"] });
    assert.deepEqual(typo.examIds, []);
    assert.deepEqual(problemLines(typo.error), [
      '  - stack config proctor:shares.test: share "atrs" is the share of no exam of the catalogue; did you mean "arts"? (its shares: arts, lab, quizzes, science)',
    ]);
    assert.deepEqual(problemLines((await declaredWithShares(["science"])).error), ['  - stack config proctor:shares: must be a mapping of stack names to the shares each declares (got a list)']);
    assert.deepEqual(problemLines((await declaredWithShares({ test: { accounts: ["100"] } })).error), [
      '  - stack config proctor:shares.test: must be a share name, a list of share names (each 1 to 64 letters, digits, ".", "_" or "-", none twice) or "*" for the whole catalogue (got a mapping)',
    ]);

    const yaml = await file("half.yaml", `${HOUSE}\naccountId: "1"\naccountName: A\nexams:\n  - { examId: in-1, examName: In, share: one }\n  - { examId: out-1, examName: Out }\n`);
    pulumi.runtime.setConfig("proctor:shares", JSON.stringify({ test: "one" }));
    try {
      assert.throws(
        () => new Catalogue("half", { files: yaml }),
        (error: Error) =>
          problemLines(error).join("\n") ===
          `  - ${yaml} exams[1] (examId "out-1"): is in no share, and this stack declares only share "one" (proctor:shares.test): write \`share:\` on the exam, its course, its account or the catalogue's top level, so that one stack declares it`,
      );
    } finally {
      pulumi.runtime.setAllConfig({});
    }
  });

  it("parseShares: the map as a file holds it or as the JSON text a program reads; one name is a list of one, \"*\" the whole catalogue", () => {
    assert.deepEqual(parseShares({ a: "x", b: ["y", "z"], c: "*" }), { shares: { a: ["x"], b: ["y", "z"], c: "*" } });
    assert.deepEqual(parseShares(JSON.stringify({ a: "x" })), { shares: { a: ["x"] } });
    assert.deepEqual(parseShares("not json"), { problems: [{ path: "proctor:shares", reason: 'must be a mapping of stack names to the shares each declares (got "not json")' }] });
  });

  it("parseShares: a share listed more than once, an empty list and a bad name in a list are each said in the module's words, at the stack's entry", () => {
    assert.deepEqual(parseShares({ staging: ["sciences", "arts", "sciences"] }), {
      problems: [{ path: "proctor:shares.staging", reason: 'lists share "sciences" more than once: write each share once' }],
    });
    assert.equal((parseShares({ staging: ["a", "b", "a", "b", "a"] }) as { problems: { reason: string }[] }).problems[0].reason, 'lists shares "a", "b" more than once: write each share once');
    assert.deepEqual(parseShares({ staging: [] }), {
      problems: [{ path: "proctor:shares.staging", reason: 'lists no share: name the shares the stack declares, or write "*" for the whole catalogue' }],
    });
    assert.deepEqual(parseShares({ staging: ["sciences", "two words"] }), {
      problems: [{ path: "proctor:shares.staging.1", reason: 'must be a share name, 1 to 64 letters, digits, ".", "_" or "-" (got "two words")' }],
    });
  });

  it("selectShare: the exams of the named shares, the exams in no share, and each name no exam is in with the nearest that is", () => {
    const exam = (examId: string, share?: string) => ({ examId, args: { examId }, share, source: { file: "catalogue.yaml", path: "exams[0]" } }) as unknown as CatalogueExam;
    const exams = [exam("a", "sci"), exam("b", "arts"), exam("c"), exam("d", "sci")];
    const selection = selectShare(exams, ["sci", "atrs"]);
    assert.deepEqual(selection.declared.map((e) => e.examId), ["a", "d"]);
    assert.deepEqual(selection.unlabelled.map((e) => e.examId), ["c"]);
    assert.deepEqual(selection.unknown, [{ name: "atrs", suggestion: "arts" }]);
    assert.deepEqual(sharesOf(exams), ["arts", "sci"]);
  });
});
