// Who may call the test hooks. The emulator runs on loopback while a browser may be open
// on the same machine, and any web page can send requests there: a form post or a
// `text/plain` fetch needs no CORS preflight, and a DNS-rebinding page reaches 127.0.0.1
// under a host name of its own. A hook can wipe a `--persist` store or inject faults, so
// it answers only a request that names a loopback Host (or the host the emulator was
// started on) with the emulator's port, carries no Origin but the emulator's own, and,
// when it changes something, declares its body `application/json`, which a page on
// another origin cannot send without a preflight the emulator never grants.

import type { IncomingHttpHeaders } from "node:http";
import { errorAnswer, unlessJson, type Answer } from "./http";

const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];
const ANY_ADDRESS = new Set(["0.0.0.0", "::"]);

/** The Host header values the hooks answer, for an emulator listening on `host`:`port`. */
export function hookHosts(host: string, port: number): ReadonlySet<string> {
  const own = host.includes(":") ? `[${host}]` : host;
  const names = ANY_ADDRESS.has(host) ? LOOPBACK : [...LOOPBACK, own];
  // A client leaves the port out of Host only when it is the scheme's default.
  return new Set(names.flatMap((name) => [`${name}:${port}`, ...(port === 80 ? [name] : [])]).map((h) => h.toLowerCase()));
}

/** The answer refusing a hook request, or undefined when the caller may use the hooks. */
export function refusedHookRequest(method: string, headers: IncomingHttpHeaders, hosts: ReadonlySet<string>): Answer | undefined {
  const host = headers.host?.toLowerCase();
  if (host === undefined || !hosts.has(host)) {
    return errorAnswer(403, "test hooks answer only a loopback Host", { host: headers.host ?? null, allowed: [...hosts] });
  }
  const origin = headers.origin?.toLowerCase();
  if (origin !== undefined && !(origin.startsWith("http://") && hosts.has(origin.slice("http://".length)))) {
    return errorAnswer(403, "test hooks refuse a request from another origin", { origin: headers.origin, allowed: [...hosts].map((h) => `http://${h}`) });
  }
  return method === "GET" || method === "HEAD" ? undefined : unlessJson(headers["content-type"]);
}
