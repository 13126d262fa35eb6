// The exam endpoint's routing and framing (§2, §6.1): path forms, unknown integration,
// methods, media type, JSON parsing, and JSON answers on every path.

import assert from "node:assert/strict";
import { Agent, request } from "node:http";
import { describe, it } from "node:test";
import { INTEGRATION, postExam, startForTest, validExam } from "../../harness/emulator-testkit";

describe("emulator routing", () => {
  it("accepts the exam path with and without its trailing slash", async (t) => {
    const emulator = await startForTest(t);
    const base = `${emulator.url}/api/v2/integration/simple/${INTEGRATION}/exams`;
    assert.equal((await postExam(emulator, validExam({ examId: "a" }), { url: `${base}/` })).status, 201);
    assert.equal((await postExam(emulator, validExam({ examId: "b" }), { url: base })).status, 201);
  });

  it("answers 404 JSON for an unknown integration, without checking the token", async (t) => {
    const emulator = await startForTest(t);
    const reply = await postExam(emulator, validExam(), { integration: "nobody", authorization: null });
    assert.equal(reply.status, 404);
    assert.match(reply.headers.get("content-type") ?? "", /^application\/json/);
    assert.deepEqual(reply.json, { error: "unknown integration", details: { integration: "nobody" } });
    assert.equal(emulator.requests()[0]?.authorized, null);
  });

  for (const method of ["GET", "PUT", "PATCH", "DELETE"]) {
    it(`answers 405 with Allow: POST to ${method}`, async (t) => {
      const emulator = await startForTest(t);
      const reply = await postExam(emulator, validExam(), { method });
      assert.equal(reply.status, 405);
      assert.equal(reply.headers.get("allow"), "POST");
      assert.equal(reply.json.error, "method not allowed");
    });
  }

  it("answers 415 to a body that is not declared as JSON", async (t) => {
    const emulator = await startForTest(t);
    const reply = await postExam(emulator, validExam(), { contentType: "text/plain" });
    assert.equal(reply.status, 415);
    assert.equal(reply.json.error, "unsupported media type");
  });

  it("accepts application/json with a charset parameter", async (t) => {
    const emulator = await startForTest(t);
    const reply = await postExam(emulator, validExam(), { contentType: "application/json; charset=utf-8" });
    assert.equal(reply.status, 201);
  });

  it("answers 400 to a body that is not valid JSON", async (t) => {
    const emulator = await startForTest(t);
    const reply = await postExam(emulator, undefined, { rawBody: "{not json" });
    assert.equal(reply.status, 400);
    assert.equal(reply.json.error, "invalid JSON");
    assert.equal(emulator.requests()[0]?.body, null);
  });

  for (const raw of ["[]", "null", '"exam"', "42"]) {
    it(`answers 400 to a JSON body that is not an object: ${raw}`, async (t) => {
      const emulator = await startForTest(t);
      const reply = await postExam(emulator, undefined, { rawBody: raw });
      assert.equal(reply.status, 400);
      assert.equal(reply.json.error, "request body must be a JSON object");
    });
  }

  it("answers 413 to an oversized body", async (t) => {
    const emulator = await startForTest(t);
    const reply = await postExam(emulator, validExam({ examName: "x".repeat(2 * 1024 * 1024) }));
    assert.equal(reply.status, 413);
    assert.equal(emulator.exams().length, 0);
  });

  it("answers 404 JSON for paths outside the API", async (t) => {
    const emulator = await startForTest(t);
    for (const path of ["/", "/api/v2/integration/simple/lms/exams/x/", "/api/v2/integration/simple/lms/sessions/1/status/"]) {
      const response = await fetch(`${emulator.url}${path}`);
      assert.equal(response.status, 404, path);
      assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
      assert.equal(((await response.json()) as { error: string }).error, "not found");
    }
  });

  it("keeps the connection alive across requests", async (t) => {
    const emulator = await startForTest(t);
    const ports = new Set<number>();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    t.after(() => agent.destroy());
    for (let i = 0; i < 3; i += 1) {
      ports.add(
        await new Promise<number>((resolve, reject) => {
          const req = request(`${emulator.url}/__emulator/exams`, { agent }, (res) => {
            res.resume();
            res.on("end", () => resolve(req.socket?.localPort ?? -1));
          });
          req.on("error", reject);
          req.end();
        }),
      );
    }
    assert.equal(ports.size, 1, "all three requests should share one socket");
  });
});
