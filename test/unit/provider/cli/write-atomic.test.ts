import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { writeAtomically } from "../../../../provider/cli/write-atomic";
import { tempFolder } from "../../../harness/temp-folder";

describe("provider/cli/write-atomic", () => {
  const folder = tempFolder("write-atomic-");

  it("the file is replaced whole, and nothing else is left in its folder", () => {
    const file = path.join(folder.dir, "catalogue.yaml");
    writeFileSync(file, "old\n");
    writeAtomically(file, "new\n");
    assert.equal(readFileSync(file, "utf8"), "new\n");
    assert.deepEqual(readdirSync(folder.dir), ["catalogue.yaml"]);
  });

  it("the check reads the written text under a hidden name with the file's extension, before the file is replaced", () => {
    const file = path.join(folder.dir, "next.json");
    let checked = "";
    writeAtomically(file, '{"exams":[]}', (written) => {
      checked = written;
      assert.equal(readFileSync(written, "utf8"), '{"exams":[]}');
      assert.equal(existsSync(file), false, "not yet in place");
    });
    assert.equal(path.dirname(checked), folder.dir);
    assert.match(path.basename(checked), /^\.next\.[0-9a-f]{8}\.tmp\.json$/);
    assert.equal(existsSync(checked), false);
    assert.equal(readFileSync(file, "utf8"), '{"exams":[]}');
  });

  it("a check that refuses: its error is thrown, the old file is left as it was, and no temporary file remains", () => {
    const file = path.join(folder.dir, "kept.yaml");
    writeFileSync(file, "mine\n");
    assert.throws(
      () =>
        writeAtomically(file, "theirs\n", () => {
          throw new Error("reads back wrong");
        }),
      /reads back wrong/,
    );
    assert.equal(readFileSync(file, "utf8"), "mine\n");
    assert.deepEqual(readdirSync(folder.dir).filter((name) => name.startsWith(".")), []);
  });
});
