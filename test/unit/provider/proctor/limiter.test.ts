import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Limiter } from "../../../../provider/proctor/limiter";

// The bound on upserts in flight per integration (proctor:concurrency), with plain
// promises that the test settles by hand: no server, no timers.

/** A task that runs until the test settles it, and says when it started. */
interface Gate {
  started: boolean;
  release: (value: string) => void;
  fail: (error: Error) => void;
  task: () => Promise<string>;
}

function gate(): Gate {
  const g = {} as Gate;
  g.started = false;
  const done = new Promise<string>((resolve, reject) => {
    g.release = resolve;
    g.fail = reject;
  });
  g.task = () => {
    g.started = true;
    return done;
  };
  return g;
}

/** Lets every pending promise callback run (the limiter hands slots over in microtasks). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("provider/proctor/limiter", () => {
  it("runs at most `limit` tasks at once; the others start only as slots free up", async () => {
    const limiter = new Limiter(2);
    const gates = Array.from({ length: 5 }, gate);
    const results = gates.map((g) => limiter.run(g.task));
    await settle();
    assert.deepEqual(gates.map((g) => g.started), [true, true, false, false, false]);
    gates[1].release("b");
    await settle();
    assert.deepEqual(gates.map((g) => g.started), [true, true, true, false, false]);
    gates[0].release("a");
    gates[2].release("c");
    await settle();
    assert.deepEqual(gates.map((g) => g.started), [true, true, true, true, true]);
    gates[3].release("d");
    gates[4].release("e");
    assert.deepEqual(await Promise.all(results), ["a", "b", "c", "d", "e"], "each caller gets its own task's result");
  });

  it("waiting tasks start in the order they were queued", async () => {
    const limiter = new Limiter(1);
    const order: number[] = [];
    const first = gate();
    const running = limiter.run(first.task);
    const queued = [1, 2, 3, 4].map((n) => limiter.run(async () => void order.push(n)));
    await settle();
    assert.deepEqual(order, [], "nothing starts while the only slot is taken");
    first.release("done");
    await Promise.all([running, ...queued]);
    assert.deepEqual(order, [1, 2, 3, 4]);
  });

  it("a failing task rejects its own caller and frees its slot for the next", async () => {
    const limiter = new Limiter(1);
    const failing = gate();
    const next = gate();
    const failed = limiter.run(failing.task);
    const after = limiter.run(next.task);
    await settle();
    assert.equal(next.started, false);
    failing.fail(new Error("503 from Proctor"));
    await assert.rejects(failed, /503 from Proctor/);
    await settle();
    assert.equal(next.started, true, "the failure passed its slot on");
    next.release("ok");
    assert.equal(await after, "ok");
  });

  it("a task that throws before returning a promise frees its slot too, and the bound still holds afterwards", async () => {
    const limiter = new Limiter(2);
    await assert.rejects(
      limiter.run(() => {
        throw new Error("thrown synchronously");
      }),
      /thrown synchronously/,
    );
    await assert.rejects(limiter.run(() => Promise.reject(new Error("rejected"))), /rejected/);
    // Had either kept its slot, fewer than two would start now; had either freed two, three would.
    const gates = Array.from({ length: 3 }, gate);
    const results = gates.map((g) => limiter.run(g.task));
    await settle();
    assert.deepEqual(gates.map((g) => g.started), [true, true, false]);
    for (const g of gates) g.release("x");
    await Promise.all(results);
  });

  it("with a limit of one, tasks never overlap", async () => {
    const limiter = new Limiter(1);
    let inFlight = 0;
    let most = 0;
    const task = async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await settle();
      inFlight--;
    };
    await Promise.all(Array.from({ length: 6 }, () => limiter.run(task)));
    assert.equal(most, 1);
  });
});
