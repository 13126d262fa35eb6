// Loaded before the unit tier (scripts/toolchain/run.sh unit): a unit test that opens a
// socket or starts a process fails at that call, naming the tier it belongs in. This is
// what keeps `npm run test:unit` fast and runnable without a network, a port or npm.
// The modules themselves, not esModuleInterop's read-only copies: every later require gets these objects.
import childProcess = require("node:child_process");
import dgram = require("node:dgram");
import net = require("node:net");
import tls = require("node:tls");

function refuse(what: string): never {
  throw new Error(`a unit test may not ${what}: move this test to test/integration/ (see CONTRIBUTING.md, "Testing")`);
}

function forbid(target: object, names: string[], what: string): void {
  for (const name of names) {
    (target as Record<string, unknown>)[name] = () => refuse(what);
  }
}

forbid(childProcess, ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"], "start a process");
forbid(net, ["connect", "createConnection"], "open a socket");
forbid(net.Socket.prototype, ["connect"], "open a socket");
forbid(net.Server.prototype, ["listen"], "listen on a port");
forbid(tls, ["connect"], "open a socket");
forbid(dgram, ["createSocket"], "open a socket");
