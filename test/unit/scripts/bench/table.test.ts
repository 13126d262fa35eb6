import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { table } from "../../../../scripts/bench/table";

describe("scripts/bench/table", () => {
  it("pads each column to its widest cell, left- or right-aligned, two spaces apart, with no trailing spaces", () => {
    const text = table(
      [
        ["phase", "seconds", "note"],
        ["create", "1.5", ""],
        ["preview", "12.25", "slow"],
      ],
      ["l", "r", "l"],
    );
    assert.equal(text, ["phase    seconds  note", "create       1.5", "preview    12.25  slow"].join("\n"));
  });
});
