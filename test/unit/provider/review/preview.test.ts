import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../../../../provider/errors";
import { GROUP_TYPE_TOKEN } from "../../../../provider/group/shape";
import { isExamStep, isGroupStep, parsePreview, resourceName } from "../../../../provider/review/preview";
import { EXAM_URN, fixtureText } from "../../../harness/review-fixtures";

// Reading what `pulumi preview --json` printed: the real previews test/e2e/review.test.ts saved, and hand-made ones.
describe("provider/review/preview", () => {
  it("a saved preview: every step with its op, URN, old and new inputs and replace reasons, and its diagnostics", () => {
    const preview = parsePreview(fixtureText("preview.json"), "preview.json");
    assert.deepEqual(
      preview.steps.map((s) => `${s.op} ${resourceName(s.urn)}`),
      [
        "same proctor-e2e-c9686efd196d-test",
        "update board",
        "update phy-final",
        "same phy-mock",
        "replace his-essay",
        "create history-final",
        "replace phy-quiz",
        "create his-resit",
        "delete his-final",
        "delete his-oral",
        "delete phy-lab",
      ],
    );
    const step = (name: string) => preview.steps.find((s) => resourceName(s.urn) === name)!;
    assert.deepEqual(step("phy-quiz").replaceReasons, ["examId"]);
    assert.deepEqual([step("phy-quiz").oldState?.inputs?.examId, step("phy-quiz").newState?.inputs?.examId], ["phy-quiz", "phy-quiz-2027"]);
    assert.equal(step("phy-quiz").oldState?.id, "phy-quiz");
    assert.equal(step("his-resit").oldState, undefined, "a create has no old state");
    assert.equal(step("his-resit").newState?.inputs?.examName, "History resit");
    assert.equal(step("phy-lab").newState, undefined, "a delete has no new state");
    assert.deepEqual(preview.diagnostics.map((d) => [d.urn, d.severity]), [[undefined, "info#err"]]);
    assert.match(preview.diagnostics[0].message, /^warning: \[runtime\] exam "phy-final": courseCode was removed/);
    assert.equal(preview.hiddenSames, 0, "both unchanged resources are listed (--show-sames)");
  });

  it("a failed preview: only the steps that ran, and each error with the URN of its resource", () => {
    const preview = parsePreview(fixtureText("failed.json"), "failed.json");
    assert.deepEqual(preview.steps.map((s) => s.op), ["same", "same"]);
    assert.deepEqual(
      preview.diagnostics.map((d) => [resourceName(d.urn ?? ""), d.severity]),
      [
        ["phy-final", "error"],
        ["phy-final", "error"],
      ],
    );
    assert.match(preview.diagnostics[1].message, /endDate .* must not be earlier than startDate/);
  });

  it("unchanged resources counted but not listed (no --show-sames) are counted as hidden", () => {
    const same = { op: "same", urn: EXAM_URN("a") };
    const text = (changeSummary: unknown, steps: unknown[] = [same]) => JSON.stringify({ steps, diagnostics: [], changeSummary });
    assert.equal(parsePreview(text({ same: 5, update: 2 }), "p.json").hiddenSames, 4);
    assert.equal(parsePreview(text({ same: 1 }), "p.json").hiddenSames, 0);
    assert.equal(parsePreview(text({ update: 1 }), "p.json").hiddenSames, 0, "no same count: nothing hidden");
    assert.equal(parsePreview(text({ same: 1 }, [same, same]), "p.json").hiddenSames, 0, "never below zero");
  });

  it("steps without an op or a URN and diagnostics without a message are skipped; a missing severity reads as empty", () => {
    const preview = parsePreview(
      JSON.stringify({
        steps: [null, "create", { op: "create" }, { urn: EXAM_URN("x") }, { op: 1, urn: EXAM_URN("x") }, { op: "create", urn: EXAM_URN("kept") }],
        diagnostics: [{ severity: "error" }, 7, { message: "kept" }, { message: "also", severity: "warning" }],
      }),
      "p.json",
    );
    assert.deepEqual(preview.steps.map((s) => resourceName(s.urn)), ["kept"]);
    assert.deepEqual(preview.diagnostics.map((d) => [d.message, d.severity]), [
      ["kept", ""],
      ["also", "warning"],
    ]);
    // Diagnostics alone (a preview that failed before any step) are a preview, and so are steps alone.
    assert.deepEqual(parsePreview('{"diagnostics":[]}', "p.json"), { steps: [], diagnostics: [], hiddenSames: 0 });
    assert.deepEqual(parsePreview('{"steps":[]}', "p.json"), { steps: [], diagnostics: [], hiddenSames: 0 });
  });

  describe("input that is not a preview: PREVIEW_INVALID, naming the file", () => {
    function refusal(text: string): ValidationError {
      try {
        parsePreview(text, "out/preview.txt");
      } catch (error) {
        assert.ok(error instanceof ValidationError, String(error));
        assert.equal(error.code, "PREVIEW_INVALID");
        return error;
      }
      assert.fail(`${JSON.stringify(text)} was read as a preview`);
    }

    it("the CLI's text output is not JSON, and the message says to add --json", () => {
      const { message } = refusal("Previewing update (dev):\n     Type                 Name\n +   pulumi:pulumi:Stack  app-dev  create\n");
      assert.match(message, /^out\/preview\.txt is not JSON \(was it made with `pulumi preview --json`\? Without --json the CLI prints text\): /);
      assert.match(refusal("").message, /^out\/preview\.txt is not JSON \(was it made with `pulumi preview --json`\?/, "an empty file");
    });

    it("cut-off JSON is not JSON, without the hint about text output", () => {
      const { message } = refusal(fixtureText("preview.json").slice(0, 500));
      assert.match(message, /^out\/preview\.txt is not JSON: /);
      assert.doesNotMatch(message, /without --json/i);
    });

    it("JSON that has neither steps nor diagnostics", () => {
      for (const text of ["{}", '{"config":{},"steps":{}}', "[]", "null", '"steps"', "42", '{"diagnostics":"none"}']) {
        assert.equal(
          refusal(text).message,
          'out/preview.txt is not the output of `pulumi preview --json`: it has neither "steps" nor "diagnostics"',
          text,
        );
      }
    });
  });

  it("an Exam or a course resource is told by its own type, also under a component parent; the name is the URN's last part", () => {
    const urn = (type: string) => `urn:pulumi:dev::uni::${type}::cat-100-Physics`;
    const exam = "pulumi-nodejs:dynamic/proctor:Exam";
    assert.deepEqual([isExamStep({ op: "same", urn: urn(exam) }), isGroupStep({ op: "same", urn: urn(exam) })], [true, false]);
    assert.deepEqual([isExamStep({ op: "same", urn: urn(`proctor:index:Catalogue$${exam}`) })], [true]);
    assert.deepEqual([isGroupStep({ op: "same", urn: urn(`proctor:index:Catalogue$${GROUP_TYPE_TOKEN}`) }), isExamStep({ op: "same", urn: urn(GROUP_TYPE_TOKEN) })], [true, false]);
    // A component whose own type only names an Exam as its parent is not an Exam.
    assert.equal(isExamStep({ op: "same", urn: urn(`${exam}$my:index:Wrapper`) }), false);
    assert.equal(isExamStep({ op: "same", urn: urn("pulumi:pulumi:Stack") }), false);
    assert.equal(resourceName(urn(exam)), "cat-100-Physics");
    assert.equal(resourceName("not-a-urn"), "not-a-urn");
  });
});
