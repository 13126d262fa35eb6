// The upsert store (§6.4): 201 then 200, defaults in the answer, scoreConfig spelling,
// replace-not-merge, persistence across restarts, and concurrent upserts.

import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it, type TestContext } from "node:test";
import { startEmulator } from "../../../emulator/server";
import {
  documentedExample,
  INTEGRATION,
  nowSeconds,
  postExam,
  SECRET,
  sign,
  startForTest,
  tempDir,
  validExam,
  type Json,
} from "../../harness/emulator-testkit";

const RULE_DEFAULTS = {
  allow_to_use_websites: false,
  allow_to_use_books: false,
  allow_to_use_paper: true,
  allow_to_use_messengers: false,
  allow_to_use_calculator: true,
  allow_to_use_excel: false,
  allow_to_use_human_assistant: false,
  allow_absence_in_frame: false,
  allow_voices: false,
  allow_wrong_gaze_direction: false,
  custom_rules: "",
};
const WARNING_DEFAULTS = {
  warning_extra_user_in_frame: true,
  warning_substitution_user: true,
  warning_no_user_in_frame: true,
  warning_avert_eyes: true,
  warning_change_active_window_on_computer: true,
  warning_voice_detected: true,
  warning_phone: true,
  warning_forbidden_device: true,
};
const SCORE_DEFAULTS_CAMEL = {
  cheaterLevel: 80,
  extraUserInFrame: 1,
  substitutionUser: 1,
  noUserInFrame: 2,
  avertEyes: 1.5,
  changeActiveWindowOnComputer: 1,
  forbiddenDevice: 1,
  voiceDetected: 1,
  phone: 1,
};
const SCORE_DEFAULTS_SNAKE = {
  cheater_level: 80,
  extra_user: 1,
  user_replaced: 1,
  absent_user: 2,
  look_away: 1.5,
  active_window_changed: 1,
  forbidden_device: 1,
  voice: 1,
  phone: 1,
};

describe("emulator store: upsert", () => {
  it("answers 201 on the first write and 200 on later ones", async (t) => {
    const emulator = await startForTest(t);
    assert.equal((await postExam(emulator, validExam())).status, 201);
    assert.equal((await postExam(emulator, validExam())).status, 200);
    assert.equal((await postExam(emulator, validExam({ examName: "Renamed" }))).status, 200);
    assert.equal(emulator.exams().length, 1);
    assert.equal(emulator.exam(INTEGRATION, "exam-1")?.writes, 3);
  });

  it("keys exams per integration", async (t) => {
    const emulator = await startForTest(t, {
      integrations: [
        { name: "staging", secret: "staging-secret-0123456789" },
        { name: "production", secret: "production-secret-0123456789" },
      ],
    });
    for (const name of ["staging", "production"]) {
      const authorization = `JWT ${await sign(undefined, { secret: `${name}-secret-0123456789` })}`;
      const reply = await postExam(emulator, validExam(), { integration: name, authorization });
      assert.equal(reply.status, 201, name);
    }
    assert.deepEqual(emulator.exams().map((e) => e.integration).sort(), ["production", "staging"]);
  });

  it("answers with defaults filled in for rules, visibleWarnings and scoreConfig", async (t) => {
    const emulator = await startForTest(t);
    const sent = validExam();
    const reply = await postExam(emulator, sent);
    assert.deepEqual(reply.json, {
      ...sent,
      rules: RULE_DEFAULTS,
      visibleWarnings: WARNING_DEFAULTS,
      scoreConfig: SCORE_DEFAULTS_CAMEL,
    });
  });

  it("fills in only the keys the caller left out", async (t) => {
    const emulator = await startForTest(t);
    const reply = await postExam(
      emulator,
      validExam({
        rules: { allow_to_use_paper: false, custom_rules: "No notes." },
        visibleWarnings: { warning_phone: false },
        scoreConfig: { avertEyes: 3 },
      }),
    );
    assert.deepEqual(reply.json.rules, { ...RULE_DEFAULTS, allow_to_use_paper: false, custom_rules: "No notes." });
    assert.deepEqual(reply.json.visibleWarnings, { ...WARNING_DEFAULTS, warning_phone: false });
    assert.deepEqual(reply.json.scoreConfig, { ...SCORE_DEFAULTS_CAMEL, avertEyes: 3 });
  });

  it("replaces the stored exam on update instead of merging", async (t) => {
    const emulator = await startForTest(t);
    await postExam(
      emulator,
      validExam({ courseName: "Physics", rules: { allow_voices: true }, scoreConfig: { phone: 5 }, trial: true }),
    );
    const first = emulator.exam(INTEGRATION, "exam-1");
    const reply = await postExam(emulator, validExam());
    assert.equal(reply.status, 200);
    assert.equal("courseName" in reply.json, false);
    assert.equal("trial" in reply.json, false);
    assert.deepEqual(reply.json.rules, RULE_DEFAULTS);
    assert.deepEqual(reply.json.scoreConfig, SCORE_DEFAULTS_CAMEL);
    const stored = emulator.exam(INTEGRATION, "exam-1");
    assert.deepEqual(stored?.exam, reply.json);
    assert.equal(stored?.createdAt, first?.createdAt);
    assert.equal(stored?.writes, 2);
  });
});

describe("emulator store: scoreConfig spellings", () => {
  it("accepts camelCase, stores canonical names and answers in camelCase", async (t) => {
    const emulator = await startForTest(t);
    const reply = await postExam(emulator, validExam({ scoreConfig: { cheaterLevel: 70, extraUserInFrame: 2.5 } }));
    assert.equal(reply.status, 201);
    assert.deepEqual(reply.json.scoreConfig, { ...SCORE_DEFAULTS_CAMEL, cheaterLevel: 70, extraUserInFrame: 2.5 });
    assert.deepEqual(emulator.exam(INTEGRATION, "exam-1")?.scoreConfig, {
      ...SCORE_DEFAULTS_SNAKE,
      cheater_level: 70,
      extra_user: 2.5,
    });
  });

  it("accepts snake_case, stores canonical names and answers in snake_case", async (t) => {
    const emulator = await startForTest(t);
    const reply = await postExam(emulator, validExam({ scoreConfig: { cheater_level: 60, look_away: 0.5 } }));
    assert.equal(reply.status, 201);
    assert.deepEqual(reply.json.scoreConfig, { ...SCORE_DEFAULTS_SNAKE, cheater_level: 60, look_away: 0.5 });
    assert.deepEqual(emulator.exam(INTEGRATION, "exam-1")?.scoreConfig, {
      ...SCORE_DEFAULTS_SNAKE,
      cheater_level: 60,
      look_away: 0.5,
    });
  });

  it("answers each key a mixed caller sent in its own spelling, defaults in camelCase", async (t) => {
    const emulator = await startForTest(t);
    const reply = await postExam(emulator, validExam({ scoreConfig: { cheater_level: 90, avertEyes: 2 } }));
    const { cheaterLevel: _dropped, ...camelRest } = SCORE_DEFAULTS_CAMEL;
    assert.deepEqual(reply.json.scoreConfig, { ...camelRest, cheater_level: 90, avertEyes: 2 });
  });

  it("treats a lone phone key as camelCase, the spelling of the exam-creation page", async (t) => {
    const emulator = await startForTest(t);
    const reply = await postExam(emulator, validExam({ scoreConfig: { phone: 0 } }));
    assert.deepEqual(reply.json.scoreConfig, { ...SCORE_DEFAULTS_CAMEL, phone: 0 });
  });
});

describe("emulator store: the documented example", () => {
  it("gets 201 then 200 with a token of exp = now + 30, and is echoed with the same keys", async (t) => {
    const emulator = await startForTest(t);
    const example = documentedExample();
    const token = async (): Promise<string> => `JWT ${await sign({ exp: nowSeconds() + 30 })}`;
    const first = await postExam(emulator, example, { authorization: await token() });
    assert.equal(first.status, 201, JSON.stringify(first.json));
    const second = await postExam(emulator, example, { authorization: await token() });
    assert.equal(second.status, 200, JSON.stringify(second.json));

    const expected: Json = {
      ...example,
      accountId: "123",
      rules: { ...(example.rules as Json), custom_rules: "" },
      visibleWarnings: { ...(example.visibleWarnings as Json), warning_forbidden_device: true },
    };
    assert.deepEqual(second.json, expected);
    assert.deepEqual(Object.keys(second.json.scoreConfig as Json), Object.keys(example.scoreConfig as Json));
    const stored = emulator.exam(INTEGRATION, "a3875623");
    assert.deepEqual(stored?.exam, expected);
    assert.deepEqual(stored?.unknownKeys, []);
  });
});

describe("emulator store: persistence", () => {
  it("keeps exams across a restart on the same file, then answers 200 on rewrite", async (t) => {
    const dir = await tempDir(t);
    const persistPath = join(dir, "exams.json");
    const options = { integrations: [{ name: INTEGRATION, secret: SECRET }], persistPath };

    const first = await startEmulator(options);
    t.after(() => first.close());
    assert.equal((await postExam(first, validExam({ courseName: "Physics" }))).status, 201);
    await first.close();

    const onDisk = JSON.parse(await readFile(persistPath, "utf8")) as { exams: { examId: string }[] };
    assert.deepEqual(onDisk.exams.map((e) => e.examId), ["exam-1"]);
    assert.deepEqual(await readdir(dir), ["exams.json"], "no temporary files may be left behind");

    const second = await startEmulator(options);
    t.after(() => second.close());
    const restored = second.exam(INTEGRATION, "exam-1");
    assert.equal(restored?.exam.courseName, "Physics");
    const rewrite = await postExam(second, validExam());
    assert.equal(rewrite.status, 200);
    assert.equal(second.exam(INTEGRATION, "exam-1")?.writes, 2);
    assert.equal(second.exam(INTEGRATION, "exam-1")?.createdAt, restored?.createdAt);
  });

  it("refuses to start on a file that is not an emulator exam file", async (t) => {
    const dir = await tempDir(t);
    const persistPath = join(dir, "exams.json");
    await writeFile(persistPath, "{ torn");
    await assert.rejects(
      startEmulator({ integrations: [{ name: INTEGRATION, secret: SECRET }], persistPath }),
      /not valid JSON/,
    );
    await writeFile(persistPath, JSON.stringify({ something: "else" }));
    await assert.rejects(
      startEmulator({ integrations: [{ name: INTEGRATION, secret: SECRET }], persistPath }),
      /not an emulator exam file/,
    );
  });

  it("empties the file on reset", async (t) => {
    const dir = await tempDir(t);
    const persistPath = join(dir, "exams.json");
    const emulator = await startForTest(t, { persistPath });
    await postExam(emulator, validExam());
    await emulator.reset();
    const onDisk = JSON.parse(await readFile(persistPath, "utf8")) as { exams: unknown[] };
    assert.deepEqual(onDisk.exams, []);
  });
});

describe("emulator store: concurrent upserts", () => {
  async function upsertSameExamConcurrently(t: TestContext, persistPath?: string): Promise<void> {
    const emulator = await startForTest(t, persistPath === undefined ? {} : { persistPath });
    const bodies = Array.from({ length: 200 }, (_, i) => validExam({ examName: `version ${i}`, duration: i + 1 }));
    const replies = await Promise.all(bodies.map((body) => postExam(emulator, body)));
    const statuses = replies.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, "exactly one request creates the exam");
    assert.equal(statuses.filter((s) => s === 200).length, 199);

    const exams = emulator.exams();
    assert.equal(exams.length, 1);
    const stored = exams[0];
    assert.ok(stored);
    assert.equal(stored.writes, 200, "no write is lost");
    const winner = bodies.find((b) => b.examName === stored.exam.examName);
    assert.ok(winner, "the stored exam is one of the bodies sent");
    assert.equal(stored.exam.duration, winner.duration, "the stored exam is that body, not a blend");

    // The newest write (highest revision) is the one that stayed.
    const log = emulator.requests();
    const newest = log.reduce((a, b) => ((b.revision ?? 0) > (a.revision ?? 0) ? b : a));
    assert.equal(newest.revision, stored.revision);
    assert.equal((newest.body as Json).examName, stored.exam.examName);

    if (persistPath !== undefined) {
      await emulator.close();
      const reopened = await startEmulator({ integrations: [{ name: INTEGRATION, secret: SECRET }], persistPath });
      t.after(() => reopened.close());
      assert.deepEqual(reopened.exams(), exams, "the file holds the last write");
    }
  }

  it("200 upserts of the same exam: one 201, 199 200s, one consistent exam", async (t) => {
    await upsertSameExamConcurrently(t);
  });

  it("the same with persistence: the file ends with the last write", async (t) => {
    await upsertSameExamConcurrently(t, join(await tempDir(t), "exams.json"));
  });

  it("200 upserts of different exams: 200 201s and 200 exams", async (t) => {
    const emulator = await startForTest(t, { persistPath: join(await tempDir(t), "exams.json") });
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) => postExam(emulator, validExam({ examId: `exam-${i}` }))),
    );
    assert.ok(replies.every((r) => r.status === 201));
    assert.equal(emulator.exams().length, 200);
    await emulator.close();
  });
});
