import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validExam } from "../../../../scripts/lib/exams";
import { accepted, rejected } from "../../../harness/exam-validation";
import { HIDDEN, hideSecrets, secretArguments, secretInputNames } from "../../../../provider/exam/secret-reasons";

describe("provider/exam/secret-reasons", () => {
  describe("validateExam: secret arguments", () => {
    /** The exam with `secrets` passed as pulumi.secret, as the Exam resource lists them for check(). */
    const withSecrets = (overrides: Record<string, unknown>, secrets: string[]) => ({ ...validExam(overrides), __secretInputs: secrets });
    const SECRET = "TOPSECRET-4e1d-value";

    it("no failure quotes the value of a secret argument, at its top or anywhere beneath it", () => {
      const failures = rejected(
        withSecrets(
          {
            proctoring: SECRET,
            identification: "ab",
            duration: 12.5,
            courseName: `${SECRET}${"x".repeat(500)}`,
            userAgreementUrl: `ftp://${SECRET}`,
            rules: { allow_to_use_paper: SECRET, custom_rules: 7 },
            scoreConfig: { phone: 11, cheaterLevel: SECRET },
            startDate: `2018-03-27T00:00:00`,
            endDate: "2027-13-01T00:00:00Z",
            desktopAppAllowedProcesses: [SECRET, 12],
          },
          ["proctoring", "identification", "duration", "courseName", "userAgreementUrl", "rules", "scoreConfig", "startDate", "endDate", "desktopAppAllowedProcesses"],
        ),
      );
      assert.deepEqual(new Map(failures.map((f) => [f.property, f.reason])), new Map([
        ["courseName", "must be at most 450 characters"],
        ["duration", "must be an integer"],
        ["proctoring", "must be one of online, offline, auto, identification"],
        ["identification", "must be one of passport, face, face_and_passport, skip"],
        ["startDate", "[secret] has no UTC offset; write e.g. [secret]Z"],
        ["endDate", "has month 13, outside 1–12"],
        ["userAgreementUrl", "must be an http(s) URL"],
        ["rules.allow_to_use_paper", "must be true or false"],
        ["rules.custom_rules", "must be a string"],
        ["scoreConfig.cheaterLevel", "must be a number"],
        ["scoreConfig.phone", "must be between 0 and 10"],
        ["desktopAppAllowedProcesses[1]", "must be a string"],
      ]));
    });

    it("a failure of a plain field does not quote a secret one either", () => {
      const failures = rejected(withSecrets({ startDate: "2027-03-27T00:00:00Z", endDate: "2027-03-01T00:00:00Z" }, ["startDate"]));
      assert.deepEqual(failures, [
        { property: "endDate", reason: "must not be earlier than startDate (endDate 2027-03-01T00:00:00Z is before startDate [secret])" },
      ]);
    });

    it("a plain argument's failure still quotes its value, and a warning about a secret one does not", () => {
      const [failure] = rejected(withSecrets({ proctoring: "onlne", examName: SECRET }, ["examName"]));
      assert.deepEqual(failure, { property: "proctoring", reason: 'must be one of online, offline, auto, identification (got "onlne")' });
      assert.deepEqual(accepted(withSecrets({ duration: 45 }, ["duration"])).warnings, [
        "duration [secret] is not a multiple of 30 minutes; the vendor's LMS plugin expects multiples of 30",
      ]);
    });
  });

  describe("hideSecrets", () => {
    const secrets = secretArguments({ policy: "hunter22", code: "x", rules: { custom_rules: "open-book-9f" }, __secretInputs: ["policy", "code", "rules", "absent"] });

    it("secretArguments: the arguments listed in __secretInputs that the inputs hold, with their values", () => {
      assert.deepEqual([...secrets.keys()], ["policy", "code", "rules"]);
      assert.deepEqual(secretInputNames({ __secretInputs: "policy" }), [], "a list or nothing");
      assert.deepEqual(secretInputNames({}), []);
    });

    it("under a secret argument, the quoted value is left out of the reason", () => {
      assert.equal(hideSecrets("policy", 'must be one of retain, close (got "hunter22")', secrets), "must be one of retain, close");
      assert.equal(hideSecrets("rules.custom_rules", "must be at most 3 characters (got 12, 9 too many)", secrets), "must be at most 3 characters");
    });

    it("anywhere, a secret's text is hidden, at any depth of its argument; a short one only where quoted", () => {
      assert.equal(hideSecrets("examName", 'clashes with hunter22, "x", x-ray and open-book-9f', secrets), `clashes with ${HIDDEN}, ${HIDDEN}, x-ray and ${HIDDEN}`);
    });

    it("with no secret argument, a reason is unchanged", () => {
      assert.equal(hideSecrets("policy", 'must be one of retain, close (got "hunter22")', new Map()), 'must be one of retain, close (got "hunter22")');
    });
  });
});
