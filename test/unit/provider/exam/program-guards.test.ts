import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { refusedSecrets } from "../../../../provider/exam/program-guards";
import { validExam } from "../../../../scripts/lib/exams";

describe("provider/exam/program-guards", () => {
  // Checks an Exam makes in the program, before anything of it is registered.

  it("each identity and fate argument passed as a secret is refused, named with what it says", async () => {
    const reasons = {
      examId: "examId names the exam in Proctor that the resource changes",
      accountId: "accountId names the account the exam belongs to (a change replaces the exam)",
      connection: "connection names the integration the exam lives in (a change of where it points replaces the exam)",
      deletionPolicy: "deletionPolicy decides whether removing the resource closes the exam",
    };
    for (const [key, reason] of Object.entries(reasons)) {
      const args = validExam({ [key]: pulumi.secret(key === "connection" ? "mirror" : "close") });
      await assert.rejects(refusedSecrets("physics-final", args)!, {
        message:
          `exam "physics-final": ${key} is passed as a secret, and it is never secret: ${reason}. ` +
          "A reviewer must see it, and a preview shows a secret as [secret]. Pass it as a plain value; nothing was sent for this exam.",
      });
    }
    const all = validExam({ examId: pulumi.secret("a"), accountId: pulumi.secret("1"), connection: pulumi.secret("c"), deletionPolicy: pulumi.secret("close") });
    await assert.rejects(refusedSecrets("physics-final", all)!, /^ValidationError: exam "physics-final": examId, accountId, connection and deletionPolicy are passed as secrets, and they are never secret/);
  });

  it("identity as a plain value or a plain Output, and any other argument as a secret, pass", async () => {
    assert.equal(refusedSecrets("plain", validExam()), undefined, "plain arguments build no promise");
    assert.equal(refusedSecrets("other", validExam({ examName: pulumi.secret("Secret name"), rules: pulumi.secret({}) })), undefined);
    await refusedSecrets("outputs", validExam({ examId: pulumi.output("e-1"), deletionPolicy: pulumi.output("close") }));
  });
});
