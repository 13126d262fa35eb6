import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { loadCatalogue } from "../../../provider/catalogue/load";
import { ERROR_CODES } from "../../../provider/errors";
import { tuningKeys } from "../../../provider/proctor/config";
import { examSchema } from "../../../provider/exam/schema";
import { POLICIES } from "../../../provider/policy/policies";
import { reviewOf } from "../../../provider/review/changes";
import { renderMarkdown } from "../../../provider/review/markdown";
import { parsePolicyLog } from "../../../provider/review/policy";
import { parsePreview } from "../../../provider/review/preview";
import { generatedPages, REPO } from "../../../scripts/docs/main";

// The documentation: README.md (the front door), docs/ (one page per topic, for
// users), CONTRIBUTING.md (for whoever takes the code over). Generated parts are
// read off the code (npm run docs); these tests fail as soon as code and pages disagree.
const read = (page: string) => readFileSync(path.join(REPO, page), "utf8");
const DOCS = readdirSync(path.join(REPO, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`);
const USER_PAGES = ["README.md", ...DOCS];
const ALL_PAGES = [...USER_PAGES, "CONTRIBUTING.md"];
const readme = read("README.md");

/** Text outside fenced code blocks: links and headings there are not Markdown's. */
function prose(text: string): string {
  return text.replace(/^(`{3,})[^]*?^\1\s*$/gm, "");
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\- _]/gu, "").replace(/ /g, "-");
}

function anchorsOf(page: string): Set<string> {
  return new Set([...prose(read(page)).matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1].replace(/`/g, ""))));
}

/** Every relative link of a page: [text](target), targets relative to the page. */
function relativeLinks(page: string): string[] {
  return [...prose(read(page)).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/i.test(t));
}

describe("the documentation", () => {
  it("the generated tables match the code (run `npm run docs` after changing the exam, tuning or error schema)", () => {
    for (const { page, current, updated } of generatedPages()) assert.equal(current, updated, `${page} is stale: run npm run docs`);
  });

  it("the README is the front door: at most 200 lines, the two commands first, and a row for every docs page", () => {
    assert.ok(readme.split("\n").length <= 200, `README.md has ${readme.split("\n").length} lines`);
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    assert.match(firstBlock, /^npm start\b/m);
    assert.match(firstBlock, /^npm test\b/m);
    assert.ok(readme.indexOf("```sh") < readme.indexOf("## "), "the commands come before the first section");
    for (const page of DOCS) assert.ok(readme.includes(`](${page})`), `the README's table does not link ${page}`);
  });

  it("every relative link of the README, CONTRIBUTING and docs/ resolves, anchors included", () => {
    for (const page of ALL_PAGES) {
      for (const target of relativeLinks(page)) {
        const [file, anchor] = target.split("#");
        const resolved = file === "" ? page : path.normalize(path.join(path.dirname(page), file));
        assert.ok(existsSync(path.join(REPO, resolved)), `${page}: ${target} does not exist`);
        if (anchor !== undefined && resolved.endsWith(".md")) {
          assert.ok(anchorsOf(resolved).has(anchor), `${page}: ${target}: ${resolved} has no heading #${anchor}`);
        }
      }
    }
  });

  it("user pages link no test files: they explain, the tests prove", () => {
    for (const page of USER_PAGES) {
      const tests = relativeLinks(page).filter((t) => /(^|\/)test\//.test(t));
      assert.deepEqual(tests, [], `${page} links test files`);
    }
  });

  it("CONTRIBUTING's architecture tree names every folder of provider/", () => {
    const tree = /## Architecture[^]*?```\n([^]*?)```/.exec(read("CONTRIBUTING.md"))?.[1] ?? "";
    const folders = readdirSync(path.join(REPO, "provider")).filter((f) => statSync(path.join(REPO, "provider", f)).isDirectory());
    assert.ok(folders.length >= 7, folders.join(", "));
    for (const folder of folders) assert.match(tree, new RegExp(`^ {2}${folder}/ `, "m"), `the tree does not list provider/${folder}/`);
  });

  it("the field reference has a row for every exam field and section key, with the schema's limits", () => {
    const exams = read("docs/exams.md");
    const rows = new Map([...exams.matchAll(/^\| `([\w.]+)` \| (.*)$/gm)].map((m) => [m[1], m[2]]));
    const shape = examSchema().shape;
    for (const field of Object.keys(shape)) assert.ok(rows.has(field), `no row for ${field}`);
    for (const key of Object.keys(shape.rules.unwrap().options[1].shape)) assert.ok(rows.has(`rules.${key}`), `no row for rules.${key}`);
    assert.match(rows.get("scoreConfig.cheaterLevel")!, /^integer \| 0–100 \| `80` \|/);
    assert.match(rows.get("deletionPolicy")!, /`"retain"`/);
  });

  it("the configuration page lists every tuning key with its default and environment variable", () => {
    const configuration = read("docs/configuration.md");
    for (const [key, spec] of Object.entries(tuningKeys())) {
      assert.ok(configuration.includes(`| \`proctor:${key}\` | ${spec.default} |`), `no row for proctor:${key}`);
      assert.ok(configuration.includes(`\`${spec.env}\``), `no mention of ${spec.env}`);
    }
  });

  it("the error page lists every code with its class, what to do and the CLI's exit status", () => {
    const rows = new Map([...read("docs/errors.md").matchAll(/^\| `([A-Z_]+)` \| `(\w+)` \| (.*) \| (.*) \| (\d+) \|$/gm)].map((m) => [m[1], m.slice(2)]));
    assert.deepEqual([...rows.keys()], Object.keys(ERROR_CODES), "the table's codes, in order");
    for (const [code, doc] of Object.entries(ERROR_CODES)) assert.deepEqual(rows.get(code), [doc.error, doc.means, doc.todo, String(doc.exit)], code);
  });

  it("Getting started names every example, and every examples/ path a page names exists", () => {
    const page = read("docs/getting-started.md");
    for (const folder of readdirSync(path.join(REPO, "examples"))) assert.ok(page.includes(`\`${folder}/`), `docs/getting-started.md does not name examples/${folder}/`);
    const named = new Set(USER_PAGES.flatMap((p) => [...read(p).matchAll(/`(examples\/[\w./-]*)`/g)].map((m) => m[1])));
    for (const entry of named) assert.ok(existsSync(path.join(REPO, entry)), `a page names ${entry}, which does not exist`);
  });

  it("the policy pack's table lists every rule with its default level and each parameter with its default", () => {
    const page = read("docs/policy-pack.md");
    const rows = new Map([...page.matchAll(/^\| `(exam-[\w-]+)` \| (\w+) \| (.*?) \|/gm)].map((m) => [m[1], { level: m[2], parameters: m[3] }]));
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

  it("the review page's sample is what `pulumi-proctor review` prints for the golden test's preview", () => {
    const sample = /<!-- review-sample:start -->\n````markdown\n([^]*?)\n````\n<!-- review-sample:end -->/.exec(read("docs/reviewing.md"))?.[1];
    assert.ok(sample, "no review sample in docs/reviewing.md");
    const fixture = (name: string) => readFileSync(path.join(REPO, "test", "fixtures", "review", name), "utf8");
    assert.equal(sample, renderMarkdown(reviewOf(parsePreview(fixture("preview.json"), "preview.json"), parsePolicyLog(fixture("policy.log")))));
  });

  it("the README's example catalogue loads as it is written", async () => {
    const yaml = /`catalogue\.yaml`[^]*?```yaml\n([^]*?)```/.exec(readme)?.[1];
    assert.ok(yaml, "no catalogue.yaml example in the README");
    const dir = mkdtempSync(path.join(tmpdir(), "readme-example-"));
    try {
      writeFileSync(path.join(dir, "catalogue.yaml"), yaml);
      assert.deepEqual(loadCatalogue({ files: "catalogue.yaml" }, dir).map((e) => e.examId), ["phy-101-final", "phy-101-quiz"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
