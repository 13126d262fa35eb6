// Body validation (proctor-api.md §3–§6.3): each rule rejects with 400 and names the bad
// field's path in details, all bad fields at once; the valid edges of each rule pass.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Emulator } from "../../../emulator/server";
import { startEmulator } from "../../../emulator/server";
import { INTEGRATION, postExam, SECRET, validExam, type Json } from "../../harness/emulator-testkit";

// One emulator serves every test of the file, started and closed by the file's top describe.
let emulator: Emulator;

function without(field: string): Json {
  const body = validExam();
  delete body[field];
  return body;
}

async function expectRejected(body: Json, field: string, reason?: RegExp): Promise<Json> {
  const reply = await postExam(emulator, body);
  assert.equal(reply.status, 400, `expected 400 for ${field}, got ${reply.status}: ${JSON.stringify(reply.json)}`);
  assert.equal(reply.json.error, "validation failed");
  const details = reply.json.details as Record<string, string>;
  assert.ok(field in details, `details should name ${field}: ${JSON.stringify(details)}`);
  if (reason) assert.match(details[field] ?? "", reason);
  return details;
}

let accepted = 0;
async function expectAccepted(body: Json): Promise<Json> {
  // A fresh examId each time keeps accepted cases from depending on one another.
  const reply = await postExam(emulator, { ...body, examId: `accepted-${++accepted}` });
  assert.equal(reply.status, 201, JSON.stringify(reply.json));
  return reply.json;
}

const REQUIRED = [
  "accountId",
  "accountName",
  "examId",
  "examName",
  "duration",
  "schedule",
  "proctoring",
  "startDate",
  "endDate",
];

describe("emulator validation (proctor-api.md §3–§6.3)", () => {
  before(async () => {
    emulator = await startEmulator({ integrations: [{ name: INTEGRATION, secret: SECRET }] });
  });
  after(() => emulator.close());

  describe("emulator validation: required fields", () => {
    for (const field of REQUIRED) {
      it(`rejects a body without ${field}`, async () => {
        await expectRejected(without(field), field, /is required/);
      });
    }

    it("names every missing field at once", async () => {
      const details = await expectRejected({}, "accountId");
      assert.deepEqual(Object.keys(details).sort(), [...REQUIRED].sort());
    });

    it("names every bad field at once, across kinds of error", async () => {
      const details = await expectRejected(
        validExam({ duration: 0, proctoring: "live", rules: { allow_voices: "no" }, scoreConfig: { cheaterLevel: 101 } }),
        "duration",
      );
      assert.deepEqual(Object.keys(details).sort(), ["duration", "proctoring", "rules.allow_voices", "scoreConfig.cheaterLevel"]);
    });

    for (const field of ["accountId", "accountName", "examId", "examName"]) {
      it(`rejects an empty ${field}`, async () => {
        await expectRejected(validExam({ [field]: "" }), field, /must not be empty/);
      });
    }
  });

  describe("emulator validation: types", () => {
    const cases: [string, unknown, RegExp][] = [
      ["accountId", true, /string or an integer/],
      ["accountId", 1.5, /string or an integer/],
      ["examId", { id: 1 }, /string or an integer/],
      ["accountName", 5, /must be a string/],
      ["examName", ["x"], /must be a string/],
      ["courseName", 7, /must be a string/],
      ["courseName", null, /must be a string \(got null\)/],
      ["duration", "60", /integer >= 1/],
      ["schedule", "true", /must be a boolean/],
      ["trial", 1, /must be a boolean/],
      ["auxiliaryCamera", "yes", /must be a boolean/],
      ["startDate", 20300101, /must be a string/],
      ["rules", [], /must be an object/],
      ["visibleWarnings", null, /must be an object/],
      ["scoreConfig", "high", /must be an object/],
      ["secureBrowser", "yes", /must be a boolean/],
      ["allowMultipleDisplays", 0, /must be a boolean/],
      ["allowVirtualEnvironment", null, /must be a boolean/],
      ["checkIdPhotoQuality", "false", /must be a boolean/],
      ["sendManualWarningsToLearner", 1, /must be a boolean/],
      ["allowRoomScanAuxCamera", "true", /must be a boolean/],
      ["courseCode", 101, /must be a string/],
      ["desktopAppAllowedProcesses", "chrome.exe", /array of strings or null/],
      ["desktopAppForbiddenProcesses", { a: 1 }, /array of strings or null/],
    ];
    for (const [field, value, reason] of cases) {
      it(`rejects ${field} = ${JSON.stringify(value)}`, async () => {
        await expectRejected(validExam({ [field]: value }), field, reason);
      });
    }

    it("names the bad element of a process list", async () => {
      await expectRejected(validExam({ desktopAppAllowedProcesses: ["ok.exe", 3] }), "desktopAppAllowedProcesses[1]");
    });

    it("accepts process lists as arrays of strings or null", async () => {
      const reply = await expectAccepted(
        validExam({ desktopAppAllowedProcesses: ["zoom.exe"], desktopAppForbiddenProcesses: null }),
      );
      assert.deepEqual(reply.desktopAppAllowedProcesses, ["zoom.exe"]);
      assert.equal(reply.desktopAppForbiddenProcesses, null);
    });

    it("accepts numbers for accountId and examId and stores them as strings", async () => {
      const reply = await postExam(emulator, validExam({ accountId: 123, examId: 4242 }));
      assert.equal(reply.status, 201);
      assert.equal(reply.json.accountId, "123");
      assert.equal(reply.json.examId, "4242");
      assert.equal(emulator.exam(INTEGRATION, "4242")?.exam.accountId, "123");
    });
  });

  describe("emulator validation: string lengths", () => {
    const limits: [string, number][] = [
      ["accountId", 255],
      ["accountName", 255],
      ["examId", 255],
      ["examName", 500],
      ["courseName", 450],
    ];
    for (const [field, limit] of limits) {
      it(`rejects ${field} longer than ${limit} characters and accepts exactly ${limit}`, async () => {
        await expectRejected(validExam({ [field]: "x".repeat(limit + 1) }), field, new RegExp(`at most ${limit}`));
        if (field !== "examId") await expectAccepted(validExam({ [field]: "x".repeat(limit) }));
        else assert.equal((await postExam(emulator, validExam({ examId: "x".repeat(limit) }))).status, 201);
      });
    }

    it("counts characters, not UTF-16 units", async () => {
      await expectAccepted(validExam({ examName: "😀".repeat(500) }));
      await expectRejected(validExam({ examName: "😀".repeat(501) }), "examName", /at most 500/);
    });

    it("rejects a userAgreementUrl longer than 200 characters and accepts exactly 200", async () => {
      const base = "https://example.org/";
      await expectRejected(validExam({ userAgreementUrl: base + "a".repeat(201 - base.length) }), "userAgreementUrl", /at most 200/);
      await expectAccepted(validExam({ userAgreementUrl: base + "a".repeat(200 - base.length) }));
    });

    it("rejects a userAgreementUrl that is not http(s)", async () => {
      await expectRejected(validExam({ userAgreementUrl: "ftp://example.org/rules" }), "userAgreementUrl", /http\(s\) URL/);
      await expectRejected(validExam({ userAgreementUrl: "not a url" }), "userAgreementUrl", /http\(s\) URL/);
    });
  });

  describe("emulator validation: enums", () => {
    const enums: [string, string[], string][] = [
      ["proctoring", ["online", "offline", "auto", "identification"], "live"],
      ["identification", ["passport", "face", "face_and_passport", "skip"], "photo"],
      ["auxiliaryCameraMode", ["photo", "video"], "audio"],
      ["webCameraMainView", ["front", "side"], "top"],
      ["secureBrowserLevel", ["basic", "medium", "high"], "max"],
      ["calculator", ["off", "simple", "scientific"], "graphing"],
      ["streamsPreset", ["default", "no_video", "no_ai_detection", "no_webcam"], "none"],
    ];
    for (const [field, values, bad] of enums) {
      it(`${field}: accepts ${values.join("|")}, rejects ${bad} and case variants`, async () => {
        for (const value of values) await expectAccepted(validExam({ [field]: value }));
        await expectRejected(validExam({ [field]: bad }), field, /must be one of/);
        await expectRejected(validExam({ [field]: values[0]?.toUpperCase() }), field, /must be one of/);
      });
    }
  });

  describe("emulator validation: duration", () => {
    for (const bad of [0, -1, 1.5]) {
      it(`rejects duration ${bad}`, async () => {
        await expectRejected(validExam({ duration: bad }), "duration", /integer >= 1/);
      });
    }
    it("accepts duration 1 and durations that are not multiples of 30", async () => {
      await expectAccepted(validExam({ duration: 1 }));
      await expectAccepted(validExam({ duration: 45 }));
    });
  });

  describe("emulator validation: dates", () => {
    for (const good of [
      "2030-01-01T09:00:00Z",
      "2030-01-01T09:00:00+00:00",
      "2030-01-01T09:00:00+0000",
      "2030-01-01T11:30:00+02:30",
      "2030-01-01T01:00:00-0800",
      "2030-01-01T09:00:00.123Z",
      "2030-01-01T09:00Z",
    ]) {
      it(`accepts startDate ${good}`, async () => {
        await expectAccepted(validExam({ startDate: good }));
      });
    }
    for (const bad of [
      "2030-01-01T09:00:00",
      "2030-01-01",
      "2030-02-30T09:00:00Z",
      "2030-13-01T09:00:00Z",
      "2030-01-01T24:00:00Z",
      "2030-01-01 09:00:00Z",
      "2030-01-01T09:00:00+2",
      "next monday",
    ]) {
      it(`rejects startDate ${bad}`, async () => {
        await expectRejected(validExam({ startDate: bad }), "startDate", /ISO 8601 date-time with an offset/);
      });
    }
    it("rejects an endDate without an offset", async () => {
      await expectRejected(validExam({ endDate: "2030-01-31T18:00:00" }), "endDate", /with an offset/);
    });
    it("rejects an endDate earlier than startDate", async () => {
      await expectRejected(
        validExam({ startDate: "2030-01-02T00:00:00Z", endDate: "2030-01-01T23:59:59Z" }),
        "endDate",
        /not be earlier than startDate/,
      );
    });
    it("compares instants, not texts, across offsets", async () => {
      // 10:00+02:00 is 08:00Z, so an end at 09:00Z is after it even though "09" < "10".
      await expectAccepted(validExam({ startDate: "2030-01-01T10:00:00+02:00", endDate: "2030-01-01T09:00:00Z" }));
      await expectRejected(
        validExam({ startDate: "2030-01-01T08:00:00Z", endDate: "2030-01-01T09:00:00+02:00" }),
        "endDate",
        /earlier than startDate/,
      );
    });
    it("accepts an endDate equal to startDate", async () => {
      await expectAccepted(validExam({ startDate: "2030-01-01T09:00:00Z", endDate: "2030-01-01T09:00:00Z" }));
    });
  });

  describe("emulator validation: rules and visibleWarnings", () => {
    it("rejects an unknown rule key", async () => {
      await expectRejected(validExam({ rules: { allow_to_cheat: true } }), "rules.allow_to_cheat", /unknown rule/);
    });
    it("rejects a non-boolean rule", async () => {
      await expectRejected(validExam({ rules: { allow_voices: "false" } }), "rules.allow_voices", /must be a boolean/);
    });
    it("takes custom_rules as a string only", async () => {
      await expectAccepted(validExam({ rules: { custom_rules: "One sheet of notes." } }));
      await expectRejected(validExam({ rules: { custom_rules: true } }), "rules.custom_rules", /must be a string/);
    });
    it("accepts the documented warnings and the legacy warning_timeout", async () => {
      await expectAccepted(validExam({ visibleWarnings: { warning_timeout: false, warning_forbidden_device: false } }));
    });
    it("rejects other unknown warning keys", async () => {
      await expectRejected(
        validExam({ visibleWarnings: { warning_gaze_lost: true } }),
        "visibleWarnings.warning_gaze_lost",
        /unknown warning/,
      );
    });
    it("rejects a non-boolean warning", async () => {
      await expectRejected(validExam({ visibleWarnings: { warning_phone: 1 } }), "visibleWarnings.warning_phone", /boolean/);
    });
  });

  describe("emulator validation: scoreConfig", () => {
    for (const [key, bad] of [
      ["cheaterLevel", 101],
      ["cheaterLevel", -1],
      ["cheaterLevel", 80.5],
      ["cheater_level", 101],
    ] as const) {
      it(`rejects ${key} = ${bad}`, async () => {
        await expectRejected(validExam({ scoreConfig: { [key]: bad } }), `scoreConfig.${key}`, /integer between 0 and 100/);
      });
    }
    for (const [key, bad] of [
      ["avertEyes", 10.5],
      ["noUserInFrame", -0.1],
      ["phone", "1"],
      ["look_away", 11],
      ["voice", true],
    ] as const) {
      it(`rejects weight ${key} = ${JSON.stringify(bad)}`, async () => {
        await expectRejected(validExam({ scoreConfig: { [key]: bad } }), `scoreConfig.${key}`, /number between 0 and 10/);
      });
    }
    it("accepts the range edges", async () => {
      await expectAccepted(validExam({ scoreConfig: { cheaterLevel: 0, avertEyes: 0, voiceDetected: 10 } }));
      await expectAccepted(validExam({ scoreConfig: { cheater_level: 100, look_away: 10, voice: 0.25 } }));
    });
    it("rejects an unknown score key", async () => {
      await expectRejected(validExam({ scoreConfig: { gazeWeight: 1 } }), "scoreConfig.gazeWeight", /unknown score key/);
    });
    it("rejects the same setting given in both spellings", async () => {
      const details = await expectRejected(
        validExam({ scoreConfig: { cheaterLevel: 80, cheater_level: 80 } }),
        "scoreConfig.cheater_level",
        /duplicates scoreConfig\.cheaterLevel/,
      );
      assert.deepEqual(Object.keys(details), ["scoreConfig.cheater_level"]);
    });
  });

  describe("emulator validation: unknown top-level keys", () => {
    it("accepts and stores them, and records which they were", async () => {
      const reply = await postExam(emulator, validExam({ examId: "with-extras", futureField: { a: 1 } }));
      assert.equal(reply.status, 201);
      assert.deepEqual(reply.json.futureField, { a: 1 });
      assert.deepEqual(emulator.exam(INTEGRATION, "with-extras")?.unknownKeys, ["futureField"]);
    });
  });
});
