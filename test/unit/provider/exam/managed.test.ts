import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it, type TestContext } from "node:test";
import { managedInThisDeployment, registrationSettled, rememberDeclared, rememberUpsert, upsertedInThisDeployment } from "../../../../provider/exam/managed";
import type { Place } from "../../../../provider/exam/plan";

// The exams this provider process's deployment upserted or declares, and when its program has registered everything.
// The memory is module-level and has no reset; the unit tier runs every file in one process. So each test works
// at a Proctor URL of its own, which no other test (nor an earlier run of this one) has named, and each timer test
// first records a check of its own under the mocked clock, which fixes the one shared instant (the last check).
describe("provider/exam/managed", () => {
  /** A place no earlier test has used. */
  const freshPlace = (): Place => ({ url: `https://proctor-${randomUUID()}.test`, integrationName: "lms" });

  it("an exam is managed once a resource of this deployment declared it, and upserted only once one upserted it", () => {
    const place = freshPlace();
    assert.equal(managedInThisDeployment(place, "phy-final"), false);
    rememberDeclared(place, "phy-final");
    assert.equal(managedInThisDeployment(place, "phy-final"), true);
    assert.equal(upsertedInThisDeployment(place, "phy-final"), false, "a check() is not an upsert");
    rememberUpsert(place, "his-final");
    assert.equal(upsertedInThisDeployment(place, "his-final"), true);
    assert.equal(managedInThisDeployment(place, "his-final"), true, "an upserted exam is managed without a check() of it");
    assert.equal(managedInThisDeployment(place, "phy-quiz"), false, "an exam nothing declared or upserted stays unmanaged");
  });

  it("the same examId in another integration or on another Proctor is another exam", () => {
    const place = freshPlace();
    rememberUpsert(place, "phy-final");
    rememberDeclared(place, "his-final");
    for (const other of [{ ...place, integrationName: "lms-2" }, { ...place, url: `${place.url}/other` }, freshPlace()]) {
      assert.equal(upsertedInThisDeployment(other, "phy-final"), false, JSON.stringify(other));
      assert.equal(managedInThisDeployment(other, "phy-final"), false, JSON.stringify(other));
      assert.equal(managedInThisDeployment(other, "his-final"), false, JSON.stringify(other));
    }
    // Parts are kept apart: "a" + "b|c" is not "a|b" + "c".
    rememberUpsert({ url: `${place.url}|x`, integrationName: "y" }, "z");
    assert.equal(upsertedInThisDeployment({ url: place.url, integrationName: "x|y" }, "z"), false);
    assert.equal(upsertedInThisDeployment({ url: place.url, integrationName: "x" }, "y|z"), false);
  });

  describe("registrationSettled", () => {
    /**
     * Mocked setTimeout and Date, from 10 s before the real now: the last check this test records stays in the
     * real past, so a later test in this process that waits for registration does not wait for it.
     */
    function mockClock(t: TestContext): void {
      t.mock.timers.enable({ apis: ["setTimeout", "Date"], now: Date.now() - 10_000 });
    }

    /** Lets the promise chain run after the clock moved (setImmediate is not mocked). */
    const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

    function watch(promise: Promise<void>): { settled: boolean } {
      const state = { settled: false };
      void promise.then(() => (state.settled = true));
      return state;
    }

    it("does not settle while checks keep arriving, and settles a quiet second after the last one", async (t) => {
      mockClock(t);
      rememberDeclared(freshPlace(), "a");
      const wait = watch(registrationSettled());
      // A check every 900 ms for 4.5 s: never a quiet second.
      for (let i = 0; i < 5; i++) {
        t.mock.timers.tick(900);
        await flush();
        assert.equal(wait.settled, false, `settled ${(i + 1) * 900} ms in, 900 ms after a check`);
        rememberDeclared(freshPlace(), `b${i}`);
      }
      t.mock.timers.tick(999);
      await flush();
      assert.equal(wait.settled, false, "settled 999 ms after the last check");
      t.mock.timers.tick(1);
      await flush();
      assert.equal(wait.settled, true, "not settled 1000 ms after the last check");
    });

    it("settles at once when the last check was a quiet second ago, and every waiter settles together", async (t) => {
      mockClock(t);
      rememberDeclared(freshPlace(), "a");
      t.mock.timers.tick(1000);
      const late = watch(registrationSettled());
      await flush();
      assert.equal(late.settled, true, "a second after the last check, registration had already settled");

      rememberDeclared(freshPlace(), "b");
      const first = watch(registrationSettled());
      t.mock.timers.tick(400);
      const second = watch(registrationSettled());
      t.mock.timers.tick(599);
      await flush();
      assert.deepEqual([first.settled, second.settled], [false, false]);
      t.mock.timers.tick(1);
      await flush();
      assert.deepEqual([first.settled, second.settled], [true, true], "a waiter that came later settles at the same quiet second");
    });
  });
});
