import { mock } from "node:test";
import net = require("node:net");
import tls = require("node:tls");

/**
 * Counts every attempt to open a socket (plain or TLS) from now until `stop()`: how a unit test
 * asserts that a call sent nothing, where an integration test would ask the emulator.
 * The attempts still go to the functions they wrap (in the unit tier, no-io.ts refuses them).
 */
export function socketAttempts(): { count(): number; stop(): void } {
  const spies = [mock.method(net, "connect"), mock.method(net, "createConnection"), mock.method(net.Socket.prototype, "connect"), mock.method(tls, "connect")];
  return {
    count: () => spies.reduce((sum, spy) => sum + spy.mock.callCount(), 0),
    stop: () => spies.forEach((spy) => spy.mock.restore()),
  };
}
