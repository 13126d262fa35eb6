import assert from "node:assert/strict";
import * as path from "node:path";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { inCwd, processIo, readStdin, stdinIsTerminal, type CliIo } from "../../../../provider/cli/io";
import { capturedIo } from "../../../harness/cli-io";

describe("provider/cli/io", () => {
  it("a relative path opens from the io's folder; an absolute one, or one in the process's own folder, is left as the user wrote it", () => {
    const elsewhere = path.join(path.parse(process.cwd()).root, "some", "project");
    assert.equal(inCwd(capturedIo(elsewhere).io, "catalogue.yaml"), path.join(elsewhere, "catalogue.yaml"));
    assert.equal(inCwd(capturedIo(elsewhere).io, path.join(elsewhere, "..", "x.yaml")), path.join(elsewhere, "..", "x.yaml"));
    // The process's folder: "./x.yaml" stays "./x.yaml", so an error message names the path as given.
    assert.equal(inCwd(processIo, "./x.yaml"), "./x.yaml");
    assert.equal(processIo.cwd, process.cwd());
  });

  it("standard input is read whole, from text or from a stream of chunks; only a terminal counts as nothing piped", async () => {
    assert.equal(await readStdin(capturedIo(".", "piped ✓\n").io), "piped ✓\n");
    // A multi-byte character split across chunks comes out whole.
    const bytes = Buffer.from("é—\n");
    const stream: CliIo = { ...capturedIo().io, stdin: Readable.from([bytes.subarray(0, 1), bytes.subarray(1)]) };
    assert.equal(await readStdin(stream), "é—\n");
    assert.equal(stdinIsTerminal(capturedIo(".", "").io), false);
    assert.equal(stdinIsTerminal({ ...capturedIo().io, stdin: Object.assign(Readable.from([]), { isTTY: true }) }), true);
  });
});
