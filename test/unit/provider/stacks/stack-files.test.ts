import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { ENCRYPTED, readProjectStacks, type ProjectStacks } from "../../../../provider/stacks/stack-files";
import { tempFolder } from "../../../harness/temp-folder";

// A Pulumi project's stack files read as the CLI finds them, from the files alone.

describe("provider/stacks/stack-files", () => {
  const folder = tempFolder("stack-files-");

  /** A project folder under the test's folder.dir holding these files. */
  function project(name: string, files: Record<string, string>): string {
    const dir = path.join(folder.dir, name);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }

  /** Each stack's config as plain values, ENCRYPTED shown as "<encrypted>", with the file that sets it. */
  function configOf(read: ProjectStacks): Record<string, Record<string, [unknown, string]>> {
    assert.ok(!("problem" in read), "problem" in read ? read.problem : "");
    return Object.fromEntries(
      read.stacks.map((stack) => [stack.stack, Object.fromEntries([...stack.config].map(([key, { value, file }]) => [key, [value === ENCRYPTED ? "<encrypted>" : value, file]]))]),
    );
  }

  it("each stack's file over the project's config: a value or a default in Pulumi.yaml, a type alone sets nothing, secure is encrypted", () => {
    const dir = project("plain", {
      "Pulumi.yaml": "name: p\nruntime: nodejs\nconfig:\n  proctor:url:\n    value: https://a.example\n  proctor:concurrency:\n    default: 4\n  proctor:trial:\n    type: boolean\n",
      "Pulumi.prod.yaml": "config:\n  proctor:url: https://b.example\n  proctor:jwtSecret:\n    secure: v1:abc\n",
      "Pulumi.dev.yml": "config: {}\n",
      "Pulumi.yaml.bak": "not a stack\n",
    });
    const read = readProjectStacks(dir, dir);
    assert.ok(!("problem" in read));
    assert.equal(read.file, "Pulumi.yaml");
    assert.deepEqual(read.stacks.map((s) => [s.stack, s.file]), [["dev", "Pulumi.dev.yml"], ["prod", "Pulumi.prod.yaml"]]);
    assert.deepEqual(configOf(read), {
      dev: { "proctor:url": ["https://a.example", "Pulumi.yaml"], "proctor:concurrency": [4, "Pulumi.yaml"] },
      prod: { "proctor:url": ["https://b.example", "Pulumi.prod.yaml"], "proctor:concurrency": [4, "Pulumi.yaml"], "proctor:jwtSecret": ["<encrypted>", "Pulumi.prod.yaml"] },
    });
  });

  it("stack files are found in the stackConfigDir Pulumi.yaml names, and named relative to the working directory", () => {
    project("nested", { "Pulumi.yaml": "name: p\nruntime: nodejs\nstackConfigDir: stacks\n", "stacks/Pulumi.ci.yaml": "config:\n  proctor:url: https://c.example\n" });
    const read = readProjectStacks("nested", folder.dir);
    assert.ok(!("problem" in read));
    assert.equal(read.stackDir, path.join("nested", "stacks"));
    assert.deepEqual(read.stacks.map((s) => s.file), [path.join("nested", "stacks", "Pulumi.ci.yaml")]);
  });

  it("no project file, or a file that is not YAML, is a problem naming it", () => {
    const empty = project("empty", { "catalogue.yaml": "exams: []\n" });
    assert.deepEqual(readProjectStacks(empty, empty), { problem: `no Pulumi project in ${empty} (Pulumi.yaml not found)` });
    const broken = project("broken", { "Pulumi.yaml": "name: p\n", "Pulumi.prod.yaml": "config: [\n" });
    const read = readProjectStacks(broken, broken);
    assert.ok("problem" in read);
    assert.match(read.problem, /^Pulumi\.prod\.yaml: not valid YAML: /);
  });
});
