import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { describe, it } from "node:test";
import { startEmulator } from "../../emulator/server";
import { PulumiStack, REPO_ROOT } from "../../scripts/lib/pulumi-stack";
import { endedByClose } from "../harness/closes";

// A stack written by release 0.1.0 (test/fixtures/release-0.1.0): every
// resource's state requires pulumi-proctor/dist/provider/provider.js and holds
// a version-1 state. Today's code must run update, refresh and destroy on it.
const FIXTURE = path.join(REPO_ROOT, "test", "fixtures", "release-0.1.0");
const EXAM_TYPE = "pulumi-nodejs:dynamic/proctor:Exam";

describe("a stack written by release 0.1.0, end to end", () => {
  it("a stack written by release 0.1.0: up sends nothing and migrates its state, refresh keeps it, destroy closes what said close", async (t) => {
    const emulator = await startEmulator({ integrations: [{ name: "lms", secret: "release-fixture-secret-1" }] });
    const stack = await PulumiStack.create({
      program: "scripts/lib/programs/exams/index.js",
      projectName: "proctor-release-fixture",
      stackConfigFile: path.join(FIXTURE, "Pulumi.test.yaml"),
      config: { "proctor:url": emulator.url },
      env: { E2E_EXAMS_FILE: path.join(FIXTURE, "exams.json") },
    });
    t.after(async () => {
      await emulator.close();
      await stack.cleanup();
    });
    const state = (await readFile(path.join(FIXTURE, "state.json"), "utf8")).replaceAll("{{PROCTOR_URL}}", emulator.url);
    const stateFile = path.join(stack.projectDir, "release-0.1.0.json");
    await writeFile(stateFile, state);
    await stack.mustRun(["stack", "import", "--file", stateFile]);
    const before = await stack.resources(EXAM_TYPE);
    assert.deepEqual(before.map((r) => r.outputs?.schemaVersion), [1, 1]);
    assert.ok(before.every((r) => String(r.outputs?.__provider).includes('require("pulumi-proctor/dist/provider/provider.js")')));

    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    assert.deepEqual(emulator.requests(), [], "the upgrade sent requests for exams that did not change");
    const after = await stack.resources(EXAM_TYPE);
    for (const resource of after) {
      const outputs = resource.outputs as { schemaVersion: number; server: { exam?: Record<string, unknown>; url: string } };
      assert.equal(outputs.schemaVersion, 2, resource.id);
      assert.equal(outputs.server.url, emulator.url);
      // Version 1 kept Proctor's whole echo; version 2 only what differed from what was sent.
      assert.equal(outputs.server.exam?.examId, undefined, `${resource.id}: the echo was kept`);
    }

    const refresh = await stack.refresh();
    assert.equal(refresh.code, 0, refresh.output);
    assert.deepEqual(emulator.requests(), []);

    const destroy = await stack.destroy();
    assert.equal(destroy.code, 0, destroy.output);
    assert.match(destroy.output, /exam "kept-1" stays in Constructor Proctor/);
    assert.deepEqual(emulator.requests().map((r) => r.examId), ["closing-1"]);
    assert.ok(endedByClose(emulator.exam("lms", "closing-1")!.exam.endDate));
  });
});
