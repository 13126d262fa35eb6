// The crash-safe JSON file the emulator persists its exams to (--persist), on a temporary directory.

import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { AtomicJsonFile } from "../../../emulator/persist";
import { tempDir } from "../../harness/emulator-testkit";

describe("emulator/persist", () => {
  it("serializes a burst of saves, sharing queued writes, and ends with the last state", async (t) => {
    const path = join(await tempDir(t), "state.json");
    let state = 0;
    let snapshots = 0;
    const file = new AtomicJsonFile(path, () => {
      snapshots += 1;
      return { state };
    });
    const saves: Promise<void>[] = [];
    for (let i = 1; i <= 100; i += 1) {
      state = i;
      saves.push(file.save());
      if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(saves);
    assert.deepEqual(await file.read(), { state: 100 });
    assert.ok(snapshots < 100, `queued saves share one write (${snapshots} writes for 100 saves)`);
    assert.deepEqual(await readdir(dirname(path)), ["state.json"]);
  });

  it("reads a missing file as undefined", async (t) => {
    const file = new AtomicJsonFile(join(await tempDir(t), "absent.json"), () => ({}));
    assert.equal(await file.read(), undefined);
  });
});
