import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { PulumiStack } from "../../scripts/lib/pulumi-stack";

describe("the toolchain: the pinned Pulumi CLI and node", () => {
  // The pinned CLI from scripts/toolchain/setup.sh (or a newer one a user already has).
  it("pulumi on PATH is at least the pinned release", () => {
    const version = execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim();
    const [major, minor] = version.replace(/^v/, "").split(".").map(Number);
    assert.ok(major === 3 && minor >= 270, `pulumi ${version} is older than 3.270`);
  });

  it("node running the tests is 22 or newer", () => {
    assert.ok(Number(process.versions.node.split(".")[0]) >= 22, process.versions.node);
  });

  let stack: PulumiStack;
  before(async () => {
    stack = await PulumiStack.create({ program: "test/programs/smoke/index.js" });
  });
  after(async () => {
    await stack.cleanup();
  });

  it("the real CLI runs up and destroy of a dynamic resource on a local backend", async () => {
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    assert.match(up.output, /greeting\s*:\s*"hello, world"/);
    assert.match(up.output, /2 created/);
    const [greeting] = await stack.resources("pulumi-nodejs:dynamic/smoke:Greeting");
    assert.equal(greeting.id, "greeting-world");

    const again = await stack.preview();
    assert.equal(again.code, 0, again.output);
    assert.match(again.output, /2 unchanged/);

    const destroy = await stack.destroy();
    assert.equal(destroy.code, 0, destroy.output);
    assert.deepEqual(await stack.resources(), []);
  });
});
