import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { startEmulator } from "../../emulator/server";
import { validExam } from "../../scripts/lib/exams";
import { ExamStack } from "../harness/exam-stack";
import { PulumiStack } from "../../scripts/lib/pulumi-stack";

describe("secrets, end to end", () => {
  // Secrets a user hands over, through the real CLI: none is stored or shown in clear.

  it("no argument passed as a secret is stored in clear anywhere in the stack export", async (t) => {
    const s = await ExamStack.create();
    t.after(() => s.cleanup());
    const values = { courseName: "Secret course 5b1e", customRules: "open-book-secret-rule-93e1", examName: "Secret exam name 0c7d" };
    await s.declare([
      {
        name: "secretive",
        args: validExam({ examId: "secretive-1", courseName: values.courseName, examName: values.examName, rules: { custom_rules: values.customRules } }),
        secrets: ["courseName", "rules", "examName"],
      },
    ]);
    const up = await s.stack.up();
    assert.equal(up.code, 0, up.output);
    // Proctor received them (the emulator echoes every key it was sent, defaults filled in)...
    const stored = s.emulator.exam("lms", "secretive-1")!.exam as { courseName: string; rules: { custom_rules: string } };
    assert.equal(stored.rules.custom_rules, values.customRules);
    // ...and the state holds them only encrypted.
    const { text } = await s.stack.exportState();
    for (const [name, value] of Object.entries(values)) assert.ok(!text.includes(value), `${name} is in the stack export in clear`);
    for (const value of Object.values(values)) assert.ok(!up.output.includes(value), "a secret was printed");
    // A second up finds nothing to change: the secret outputs compare equal.
    const again = await s.stack.up();
    assert.match(again.output, /2 unchanged/);
  });

  it("identity and fate passed as secrets are refused in the program, naming the exam, the field and why; nothing is sent", async (t) => {
    const s = await ExamStack.create();
    t.after(() => s.cleanup());
    await s.declare([
      { name: "visible", args: validExam({ examId: "visible-1" }) },
      { name: "hidden-fate", args: validExam({ examId: "hidden-fate-1", deletionPolicy: "close" }), secrets: ["deletionPolicy", "accountId"] },
    ]);
    const preview = await s.stack.preview();
    assert.notEqual(preview.code, 0, preview.output);
    assert.match(
      preview.output,
      /exam "hidden-fate": accountId and deletionPolicy are passed as secrets, and they are never secret: accountId names the account the exam belongs to \(a change replaces the exam\); deletionPolicy decides whether removing the resource closes the exam\. A reviewer must see them, and a preview shows a secret as \[secret\]\. Pass them as plain values; nothing was sent for this exam\./,
    );
    assert.deepEqual(s.emulator.requests(), []);
    // Without the preview in front, the exam is still held back in the program.
    const up = await s.stack.up();
    assert.notEqual(up.code, 0, up.output);
    assert.match(up.output, /exam "hidden-fate": accountId and deletionPolicy are passed as secrets/);
    assert.deepEqual(s.emulator.requests().filter((r) => r.examId === "hidden-fate-1"), []);
  });

  it("a check failure of a secret argument names the field and the rule but never quotes the value", async (t) => {
    const s = await ExamStack.create();
    t.after(() => s.cleanup());
    const values = { proctoring: "TOPSECRET-proctoring-7c3a", startDate: "2031-05-17T09:00:00", custom: "TOPSECRET-rules-9b2e" };
    await s.declare([
      {
        name: "secret-typos",
        args: validExam({ examId: "secret-typos-1", proctoring: values.proctoring, startDate: values.startDate, rules: { custom_rules: values.custom, allow_to_use_paper: "TOPSECRET-paper" } }),
        secrets: ["proctoring", "startDate", "rules"],
      },
    ]);
    const preview = await s.stack.preview();
    assert.notEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /property proctoring value \{\[secret\]\} has a problem: must be one of online, offline, auto, identification\n/);
    assert.match(preview.output, /property startDate value \{\[secret\]\} has a problem: \[secret\] has no UTC offset; write e\.g\. \[secret\]Z/);
    assert.match(preview.output, /property rules\.allow_to_use_paper value \{[^}]*\} has a problem: must be true or false\n/);
    for (const secret of [...Object.values(values), "TOPSECRET"]) assert.ok(!preview.output.includes(secret), `preview printed ${secret}`);
    assert.deepEqual(s.emulator.requests(), []);
  });

  it("a credential passed as an Exam argument is refused without printing or storing it", async (t) => {
    const s = await ExamStack.create();
    t.after(() => s.cleanup());
    const pasted = "pasted-jwt-secret-4f2a9c";
    await s.declare([{ name: "careless", args: { ...validExam({ examId: "careless-1" }), jwtSecret: pasted } }]);
    const up = await s.stack.run(["up", "--yes"]);
    assert.notEqual(up.code, 0);
    assert.match(up.output, /exam "careless": argument jwtSecret looks like a credential, and an Exam takes none; its value was not sent or stored/);
    assert.match(up.output, /pulumi config set --secret proctor:jwtSecret/);
    assert.ok(!up.output.includes(pasted), "the pasted secret was printed");
    const { text } = await s.stack.exportState();
    assert.ok(!text.includes(pasted), "the pasted secret is in state");
    assert.deepEqual(s.emulator.requests(), []);
  });

  it("proctor:jwtSecret stored without --secret gives a warning with the command that encrypts it", async (t) => {
    const emulator = await startEmulator({ integrations: [{ name: "lms", secret: "plain-config-secret-77aa" }] });
    const dir = await mkdtemp(path.join(tmpdir(), "plain-secret-"));
    const examsFile = path.join(dir, "exams.json");
    await writeFile(examsFile, JSON.stringify([{ name: "plain", args: validExam({ examId: "plain-1" }) }]));
    const stack = await PulumiStack.create({
      program: "scripts/lib/programs/exams/index.js",
      config: { "proctor:url": emulator.url, "proctor:integrationName": "lms" },
      env: { E2E_EXAMS_FILE: examsFile },
    });
    t.after(async () => {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
      await stack.cleanup();
    });
    // The CLI itself refuses this unless told twice: --plaintext (or a hand-edited Pulumi.<stack>.yaml).
    await stack.mustRun(["config", "set", "--plaintext", "proctor:jwtSecret", "plain-config-secret-77aa"]);
    const preview = await stack.preview();
    assert.equal(preview.code, 0, preview.output);
    assert.match(preview.output, /proctor:jwtSecret is stored in plain text in the stack's config file; encrypt it with: pulumi config set --secret proctor:jwtSecret <value>/);
    assert.ok(!preview.output.includes("plain-config-secret-77aa"));

    await stack.setConfig("proctor:jwtSecret", "plain-config-secret-77aa", true);
    const encrypted = await stack.preview();
    assert.equal(encrypted.code, 0, encrypted.output);
    assert.doesNotMatch(encrypted.output, /stored in plain text/);
  });
});
