// Who may call the test hooks: the emulator often runs while a browser is open on the
// same machine, and a web page can send requests to loopback. A hook that resets a
// --persist store or injects faults must be out of a page's reach: a page cannot send
// `Content-Type: application/json` cross-origin without a preflight the emulator never
// grants, always names its own Origin, and a DNS-rebinding page names its own Host.

import assert from "node:assert/strict";
import { request } from "node:http";
import { describe, it } from "node:test";
import type { Emulator } from "../../../emulator/server";
import { postExam, startForTest, validExam } from "../../harness/emulator-testkit";

/** A raw request, so Host and Origin are exactly what a browser (or an attacker) would send. */
function hook(emulator: Emulator, method: string, route: string, headers: Record<string, string>, body = ""): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${emulator.url}/__emulator/${route}`, { method, headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const JSON_TYPE = { "Content-Type": "application/json" };

describe("emulator test hooks refuse what a web page could send", () => {
  it("refuses a text/plain POST to reset with 415, and the exams stay", async (t) => {
    const emulator = await startForTest(t);
    await postExam(emulator, validExam());
    const reply = await hook(emulator, "POST", "reset", { "Content-Type": "text/plain" }, "x");
    assert.equal(reply.status, 415, reply.text);
    assert.match(reply.text, /application\/json/);
    const formReply = await hook(emulator, "POST", "faults", { "Content-Type": "application/x-www-form-urlencoded" }, '{"status":503}=');
    assert.equal(formReply.status, 415, formReply.text);
    assert.equal(emulator.exams().length, 1);
    assert.deepEqual(emulator.faults(), []);
  });

  it("refuses a foreign Origin with 403, even with application/json", async (t) => {
    const emulator = await startForTest(t);
    await postExam(emulator, validExam());
    for (const origin of ["https://evil.example", "null", `http://localhost:${emulator.port + 1}`]) {
      const reply = await hook(emulator, "POST", "reset", { ...JSON_TYPE, Origin: origin });
      assert.equal(reply.status, 403, `${origin}: ${reply.text}`);
      assert.match(reply.text, /origin/i);
      assert.equal((await hook(emulator, "GET", "requests", { Origin: origin })).status, 403, origin);
    }
    const faults = await hook(emulator, "POST", "faults", { ...JSON_TYPE, Origin: "https://evil.example" }, '{"status":503}');
    assert.equal(faults.status, 403);
    assert.equal(emulator.exams().length, 1);
    assert.deepEqual(emulator.faults(), []);
  });

  it("refuses a Host that is not loopback with 403 (a DNS-rebinding page)", async (t) => {
    const emulator = await startForTest(t);
    await postExam(emulator, validExam());
    for (const host of [`evil.example:${emulator.port}`, "evil.example", `localhost.evil.example:${emulator.port}`, `127.0.0.1:${emulator.port + 1}`]) {
      const reply = await hook(emulator, "POST", "reset", { ...JSON_TYPE, Host: host });
      assert.equal(reply.status, 403, `${host}: ${reply.text}`);
      assert.match(reply.text, /host/i);
      assert.equal((await hook(emulator, "GET", "exams", { Host: host })).status, 403, host);
    }
    assert.equal(emulator.exams().length, 1);
  });

  it("answers a loopback caller with application/json and no Origin, or its own origin", async (t) => {
    const emulator = await startForTest(t);
    for (const host of ["localhost", "127.0.0.1", "[::1]"]) {
      await postExam(emulator, validExam());
      const own = `${host}:${emulator.port}`;
      assert.equal((await hook(emulator, "GET", "exams", { Host: own })).status, 200, own);
      assert.equal((await hook(emulator, "POST", "reset", { ...JSON_TYPE, Host: own })).status, 200, own);
      assert.equal(emulator.exams().length, 0);
      const injected = await hook(emulator, "POST", "faults", { "Content-Type": "application/json; charset=utf-8", Host: own, Origin: `http://${own}` }, '{"status":503}');
      assert.equal(injected.status, 200, injected.text);
      assert.equal((await hook(emulator, "DELETE", "faults", { ...JSON_TYPE, Host: own })).status, 200);
    }
  });
});
