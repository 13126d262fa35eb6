import assert from "node:assert/strict";
import { createServer, type RequestListener, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it, type TestContext } from "node:test";
import { ApiError } from "../../../../provider/errors";
import { upsertExam } from "../../../../provider/proctor/client";
import type { Tuning } from "../../../../provider/proctor/config";
import { resolveConnection, type Connection } from "../../../../provider/proctor/connection";

// Servers that misbehave in ways the emulator does not: trickling, flooding, answering
// HTML, echoing credentials. Each attempt must end, stay bounded, and leak nothing.

// Non-ASCII, a quote, "?", "/", "+" and a space: each spelling (JSON, URL, base64, base64url) differs.
const SECRET = 'wh"ät?/+ s3cret>>';
const BODY = { examId: "exam-1", examName: "Final test" };

async function serve(t: TestContext, handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// Through resolveConnection, so the tuning values pass the same bounds as a user's.
function connection(url: string, tuning: Partial<Tuning> = {}): Connection {
  const values: Record<string, string> = {
    "proctor:url": url,
    "proctor:integrationName": "lms",
    "proctor:jwtSecret": SECRET,
    "proctor:retryBaseDelayMs": "10",
  };
  for (const [key, value] of Object.entries(tuning)) values[`proctor:${key}`] = String(value);
  return resolveConnection(undefined, (key) => values[key], {});
}

/** Resolves when `res` closes: true if the server had sent the whole body by then. */
function closed(res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => res.on("close", () => resolve(res.writableFinished)));
}

/** A server that streams `total` bytes of a valid JSON object, 64 KiB every 5 ms, with `status`. */
async function flood(t: TestContext, status: number, total: number): Promise<{ url: string; finished: Promise<boolean>[]; sent: () => number }> {
  const finished: Promise<boolean>[] = [];
  let sent = 0;
  const url = await serve(t, (_req, res) => {
    finished.push(closed(res));
    res.writeHead(status, { "content-type": "application/json" });
    res.write('{"padding":"');
    const chunk = Buffer.alloc(64 * 1024, "a");
    const timer = setInterval(() => {
      if (sent >= total) {
        clearInterval(timer);
        res.end('"}');
        return;
      }
      res.write(chunk);
      sent += chunk.length;
    }, 5);
    res.on("close", () => clearInterval(timer));
  });
  return { url, finished, sent: () => sent };
}

/** A loopback url where nobody listens: a port the system just handed out and took back. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

// What a caller (an LMS sync script) acts on: "try again later", "fix the data", "fix the credentials", "fix the url".
/** Each final answer's code; the server counts the requests, so a retried status is seen to be retried. */
const REFUSALS: { status: number; body: string; code: string; requests: number; says: RegExp }[] = [
  { status: 400, body: '{"error":"validation failed","details":{"duration":"must be a number"}}', code: "PROCTOR_REJECTED", requests: 1, says: /answered 400 .*"duration":"must be a number".*fix them in the program/ },
  { status: 409, body: '{"error":"conflict"}', code: "PROCTOR_REJECTED", requests: 1, says: /answered 409 .*conflict/ },
  { status: 401, body: '{"error":"invalid token signature"}', code: "PROCTOR_UNAUTHORIZED", requests: 2, says: /answered 401 .*invalid token signature.*Check proctor:jwtSecret/ },
  { status: 403, body: '{"error":"forbidden"}', code: "PROCTOR_UNAUTHORIZED", requests: 1, says: /answered 403 .*Check proctor:jwtSecret/ },
  { status: 404, body: '{"error":"unknown integration"}', code: "PROCTOR_NOT_FOUND", requests: 1, says: /answered 404 .*Check proctor:integrationName/ },
  { status: 503, body: '{"error":"maintenance"}', code: "PROCTOR_UNAVAILABLE", requests: 5, says: /answered 503 .*\(attempt 5\).*maintenance.*busy or unavailable/ },
  { status: 429, body: '{"error":"slow down"}', code: "PROCTOR_UNAVAILABLE", requests: 5, says: /answered 429 .*\(attempt 5\)/ },
  { status: 500, body: '{"error":"boom"}', code: "PROCTOR_UNAVAILABLE", requests: 1, says: /answered 500 .*boom/ },
  { status: 302, body: "", code: "PROCTOR_MALFORMED_ANSWER", requests: 1, says: /answered 302 .*not a proxy or sign-in page/ },
];

describe("provider/proctor/client against misbehaving servers", () => {
  it("a server that sends headers and then trickles a byte at a time is cut off at requestTimeoutSeconds, retried, then reported", async (t) => {
    const finished: Promise<boolean>[] = [];
    const url = await serve(t, (_req, res) => {
      finished.push(closed(res));
      res.writeHead(200, { "content-type": "application/json" });
      res.flushHeaders();
      // Well inside any gap timer, so only a deadline on the whole attempt can end it.
      const timer = setInterval(() => res.write(" "), 250);
      res.on("close", () => clearInterval(timer));
    });
    const started = Date.now();
    await assert.rejects(upsertExam(connection(url, { requestTimeoutSeconds: 1, maxAttempts: 2 }), "exam-1", BODY), (error: Error) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.code, "PROCTOR_TIMEOUT");
      assert.match(error.message, new RegExp(`^exam "exam-1": Proctor at ${url}/api/v2/integration/simple/lms/exams/ did not answer within 1 s`));
      assert.match(error.message, /attempt 2/);
      assert.match(error.message, /running pulumi up again is safe/i);
      return true;
    });
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 1900 && elapsed < 5000, `gave up after ${elapsed} ms, expected two attempts of 1 s`);
    assert.equal(finished.length, 2);
    assert.deepEqual(await Promise.all(finished), [false, false], "each trickling answer is abandoned, not read to the end");
  });

  it("a 2xx answer longer than maxResponseBytes is an error, and the client closes the connection instead of reading on", async (t) => {
    const total = 5 * 1024 * 1024;
    const server = await flood(t, 200, total);
    await assert.rejects(upsertExam(connection(server.url, { maxResponseBytes: 1048576 }), "exam-1", BODY), (error: Error) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.code, "PROCTOR_MALFORMED_ANSWER");
      assert.match(error.message, /^exam "exam-1": Proctor answered 200 with more than 1048576 bytes \(proctor:maxResponseBytes\)/);
      assert.match(error.message, /may or may not have been stored/);
      assert.match(error.message, /running pulumi up again is safe/);
      assert.ok(error.message.length < 2000, "the excerpt is short");
      return true;
    });
    assert.deepEqual(await Promise.all(server.finished), [false]);
    assert.ok(server.sent() < total, `the server wrote ${server.sent()} of ${total} bytes before the client hung up`);
  });

  it("an error answer longer than maxResponseBytes is cut, and still reported with its status", async (t) => {
    const total = 5 * 1024 * 1024;
    const server = await flood(t, 500, total);
    await assert.rejects(upsertExam(connection(server.url, { maxResponseBytes: 1024 }), "exam-1", BODY), (error: Error) => {
      assert.match(error.message, /^exam "exam-1": Proctor answered 500 .*\{"padding":"aaaa.*\(cut at proctor:maxResponseBytes = 1024 bytes\)/);
      return true;
    });
    assert.deepEqual(await Promise.all(server.finished), [false]);
  });

  it("a 200 with an HTML page is an error with the status, content-type and an excerpt, and says rerunning is safe", async (t) => {
    let requests = 0;
    const url = await serve(t, (_req, res) => {
      requests++;
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<html>\n  <head><title>Sign in</title></head>\n  <body>${"<p>Please sign in.</p>".repeat(100)}</body>\n</html>`);
    });
    await assert.rejects(upsertExam(connection(url), "exam-1", BODY), (error: Error) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 200);
      assert.equal(error.code, "PROCTOR_MALFORMED_ANSWER");
      assert.match(error.message, /^exam "exam-1": Proctor answered 200 to POST .* with content-type text\/html; charset=utf-8, not a JSON object: <html> <head><title>Sign in<\/title>/);
      assert.match(error.message, /may or may not have been stored; running pulumi up again is safe: the upsert is idempotent/);
      assert.ok(error.message.length < 1000, "the excerpt is short");
      return true;
    });
    assert.equal(requests, 1, "a malformed success is not retried");
  });

  it("an empty 200, a JSON array, a string, a number and null are not an exam", async (t) => {
    const answers = ["", "[1,2]", '"stored"', "42", "null"];
    let next = 0;
    const url = await serve(t, (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(answers[next++]);
    });
    for (const answer of answers) {
      await assert.rejects(upsertExam(connection(url), "exam-1", BODY), (error: Error) => {
        assert.match(error.message, /Proctor answered 200 .* with content-type application\/json, not a JSON object: /, answer);
        assert.ok(error.message.includes(answer === "" ? "(empty body)" : answer), answer);
        return true;
      });
    }
    assert.equal(next, answers.length);
  });

  it("a 400 that echoes the secret in any spelling, or the token, shows none of them", async (t) => {
    const base64 = Buffer.from(SECRET).toString("base64");
    const leaks = [
      SECRET,
      JSON.stringify(SECRET).slice(1, -1),
      'wh\\"\\u00e4t?/+ s3cret>>',
      encodeURIComponent(SECRET),
      base64,
      Buffer.from(SECRET).toString("base64url"),
    ];
    let authorization = "";
    const url = await serve(t, (req, res) => {
      authorization = req.headers.authorization ?? "";
      res.writeHead(400, { "content-type": "text/plain" });
      res.end(["bad request, you sent:", ...leaks, `Authorization: ${authorization}`, `token=${authorization.slice(4)}`].join("\n"));
    });
    await assert.rejects(upsertExam(connection(url), "exam-1", BODY), (error: Error) => {
      assert.match(error.message, /^exam "exam-1": Proctor answered 400 .*bad request, you sent: \[redacted\] \[redacted\]/);
      assert.match(error.message, /Authorization: JWT \[redacted\] token=\[redacted\]/);
      for (const leak of [...leaks, authorization.slice(4)]) assert.ok(!error.message.includes(leak), `leaked ${leak}`);
      assert.doesNotMatch(error.message, /eyJ|s3cret/);
      return true;
    });
    assert.match(authorization, /^JWT eyJ/);
  });

  it("nobody listening on the port: PROCTOR_UNREACHABLE after the retries", async () => {
    await assert.rejects(upsertExam(connection(await closedPort()), "exam-1", BODY), (error: Error) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.code, "PROCTOR_UNREACHABLE");
      assert.equal(error.status, undefined);
      assert.match(error.message, /^exam "exam-1": no answer from Proctor at .* after 5 attempt\(s\): .*ECONNREFUSED.*Check proctor:url/);
      return true;
    });
  });

  for (const refusal of REFUSALS) {
    it(`a ${refusal.status} is ${refusal.code}, with the status and Proctor's answer, after ${refusal.requests} request(s)`, async (t) => {
      let requests = 0;
      const url = await serve(t, (req, res) => {
        requests++;
        req.resume();
        res.writeHead(refusal.status, { "content-type": "application/json", ...(refusal.status === 302 && { location: "https://sso.example.org/login" }) });
        res.end(refusal.body);
      });
      await assert.rejects(upsertExam(connection(url), "exam-1", BODY), (error: Error) => {
        assert.ok(error instanceof ApiError);
        assert.equal(error.code, refusal.code);
        assert.equal(error.status, refusal.status);
        assert.match(error.message, /^exam "exam-1": Proctor answered /);
        assert.match(error.message, refusal.says);
        return true;
      });
      assert.equal(requests, refusal.requests);
    });
  }

  it("a normal 201 with a JSON object still creates the exam", async (t) => {
    const url = await serve(t, (req, res) => {
      let received = "";
      req.on("data", (chunk: Buffer) => (received += chunk));
      req.on("end", () => {
        res.writeHead(201, { "content-type": "application/json" });
        res.end(JSON.stringify({ ...JSON.parse(received), id: 7 }));
      });
    });
    const result = await upsertExam(connection(url), "exam-1", BODY);
    assert.deepEqual(result, { status: 201, created: true, body: { ...BODY, id: 7 }, attempts: 1 });
  });
});
