import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { startEmulator } from "../../emulator/server";
import { validExam } from "../../scripts/lib/exams";
import { PulumiStack } from "../../scripts/lib/pulumi-stack";

describe("connections to two integrations, end to end", () => {
  // One program, two integrations: the default connection and a named one, whose
  // secret lives in the stack's encrypted config and nowhere in state.
  it("exams reach the integration their connection names; moving one replaces it", async (t) => {
    const emulator = await startEmulator({
      integrations: [
        { name: "lms-prod", secret: "prod-secret-0a9b8c" },
        { name: "lms-staging", secret: "staging-secret-7d6e5f" },
      ],
    });
    const scratch = await mkdtemp(path.join(tmpdir(), "proctor-connections-"));
    const examsFile = path.join(scratch, "exams.json");
    const stack = await PulumiStack.create({
      program: "scripts/lib/programs/exams/index.js",
      config: {
        "proctor:url": emulator.url,
        "proctor:integrationName": "lms-prod",
        "proctor:connections.staging.url": emulator.url,
        "proctor:connections.staging.integrationName": "lms-staging",
      },
      secrets: {
        "proctor:jwtSecret": "prod-secret-0a9b8c",
        "proctor:connections.staging.jwtSecret": "staging-secret-7d6e5f",
      },
      env: { E2E_EXAMS_FILE: examsFile },
    });
    t.after(async () => {
      await emulator.close();
      await rm(scratch, { recursive: true, force: true });
      await stack.cleanup();
    });

    await writeFile(
      examsFile,
      JSON.stringify([
        { name: "prod-exam", args: validExam({ examId: "p-1" }) },
        { name: "staging-exam", args: validExam({ examId: "s-1", connection: "staging" }) },
      ]),
    );
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    assert.deepEqual(
      emulator.exams().map((e) => [e.integration, e.examId]).sort(),
      [["lms-prod", "p-1"], ["lms-staging", "s-1"]],
    );
    const { text } = await stack.exportState();
    for (const secret of ["prod-secret-0a9b8c", "staging-secret-7d6e5f"]) assert.ok(!text.includes(secret), "a secret is in state");

    // Moving the staging exam to production is a new exam there, not an edit.
    await writeFile(
      examsFile,
      JSON.stringify([
        { name: "prod-exam", args: validExam({ examId: "p-1" }) },
        { name: "staging-exam", args: validExam({ examId: "s-1" }) },
      ]),
    );
    const move = await stack.up();
    assert.equal(move.code, 0, move.output);
    assert.match(move.output, /1 replaced/);
    assert.deepEqual(
      emulator.exams().map((e) => [e.integration, e.examId]).sort(),
      [["lms-prod", "p-1"], ["lms-prod", "s-1"], ["lms-staging", "s-1"]],
    );
  });
});
