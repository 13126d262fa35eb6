import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { ERROR_CODES } from "../../provider/errors";
import { tuningKeys } from "../../provider/proctor/config";
import { examSchema } from "../../provider/exam/schema";
import { POLICIES } from "../../provider/policy/policies";
import { reviewOf } from "../../provider/review/changes";
import { renderMarkdown } from "../../provider/review/markdown";
import { parsePolicyLog } from "../../provider/review/policy";
import { parsePreview } from "../../provider/review/preview";
import { README, updateReadme } from "../../scripts/docs/main";
import { REPO_ROOT } from "../../scripts/lib/pulumi-stack";

// The README's reference tables are generated from the code (npm run docs); these
// tests fail as soon as the code and the README disagree.
const readme = readFileSync(README, "utf8");

test("the README's generated tables match the code (run `npm run docs` after changing the exam or tuning schema)", () => {
  assert.equal(updateReadme(readme), readme, "README.md is stale: run npm run docs");
});

test("the README opens with the two set-up commands", () => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  assert.match(firstBlock, /^npm start\b/m);
  assert.match(firstBlock, /^npm test\b/m);
  assert.ok(readme.indexOf("```sh") < readme.indexOf("## "), "the commands come before the first section");
});

test("the field reference has a row for every exam field and section key, with the schema's limits", () => {
  const rows = new Map([...readme.matchAll(/^\| `([\w.]+)` \| (.*)$/gm)].map((m) => [m[1], m[2]]));
  const shape = examSchema().shape;
  for (const field of Object.keys(shape)) assert.ok(rows.has(field), `no row for ${field}`);
  for (const key of Object.keys(shape.rules.unwrap().options[1].shape)) assert.ok(rows.has(`rules.${key}`), `no row for rules.${key}`);
  assert.match(rows.get("examName")!, /^string \| 1–500 characters, no bidirectional controls \| – \| yes \|/);
  assert.match(rows.get("scoreConfig.cheaterLevel")!, /^integer \| 0–100 \| `80` \|/);
  assert.match(rows.get("deletionPolicy")!, /`"retain"`/);
});

test("the configuration reference lists every tuning key with its default and environment variable", () => {
  for (const [key, spec] of Object.entries(tuningKeys())) {
    assert.ok(readme.includes(`| \`proctor:${key}\` | ${spec.default} |`), `no row for proctor:${key}`);
    assert.ok(readme.includes(`\`${spec.env}\``), `no mention of ${spec.env}`);
  }
});

test("the error reference lists every code with its class, what to do and the CLI's exit status", () => {
  const rows = new Map([...readme.matchAll(/^\| `([A-Z_]+)` \| `(\w+)` \| (.*) \| (.*) \| (\d+) \|$/gm)].map((m) => [m[1], m.slice(2)]));
  assert.deepEqual([...rows.keys()], Object.keys(ERROR_CODES), "the table's codes, in order");
  for (const [code, doc] of Object.entries(ERROR_CODES)) assert.deepEqual(rows.get(code), [doc.error, doc.means, doc.todo, String(doc.exit)], code);
});

test("every examples/ folder and file the README names exists", () => {
  const named = new Set([...readme.matchAll(/\(`?(examples\/[\w./-]*)`?\)|`((?:one-exam|catalogue|two-integrations|lms-sync)\/)`|`(ci\/exams\.yml)`/g)].map((m) => m[1] ?? m[2] ?? m[3]));
  assert.ok(named.size >= 5, `too few examples found: ${[...named].join(", ")}`);
  for (const entry of named) {
    const full = path.join(REPO_ROOT, entry.startsWith("examples/") ? entry : path.join("examples", entry));
    assert.ok(existsSync(full), `README names ${entry}, which does not exist`);
  }
});

test("the policy pack's table lists every rule with its default level and each parameter with its default", () => {
  const rows = new Map([...readme.matchAll(/^\| `(exam-[\w-]+)` \| (\w+) \| (.*?) \|/gm)].map((m) => [m[1], { level: m[2], parameters: m[3] }]));
  assert.deepEqual([...rows.keys()], POLICIES.map((p) => p.name), "the table's rules, in order");
  for (const policy of POLICIES) {
    const row = rows.get(policy.name)!;
    assert.equal(row.level, policy.enforcementLevel, policy.name);
    const parameters = Object.entries(policy.configSchema?.properties ?? {});
    if (parameters.length === 0) assert.equal(row.parameters, "–", policy.name);
    for (const [key, schema] of parameters) {
      const shown = schema.default === undefined ? "unset" : typeof schema.default === "string" ? `\`"${schema.default}"\`` : String(schema.default);
      assert.ok(row.parameters.includes(`\`${key}\` (${shown}`), `${policy.name}: ${key} (${shown}) not in "${row.parameters}"`);
    }
  }
});

test("the README's review sample is what `pulumi-proctor review` prints for the golden test's preview", () => {
  const sample = /<!-- review-sample:start -->\n````markdown\n([^]*?)\n````\n<!-- review-sample:end -->/.exec(readme)?.[1];
  assert.ok(sample, "no review sample in the README");
  const fixture = (name: string) => readFileSync(path.join(REPO_ROOT, "test", "fixtures", "review", name), "utf8");
  assert.equal(sample, renderMarkdown(reviewOf(parsePreview(fixture("preview.json"), "preview.json"), parsePolicyLog(fixture("policy.log")))));
});
