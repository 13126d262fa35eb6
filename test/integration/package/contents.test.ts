import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { delimiter, dirname, join, relative } from "node:path";
import { describe, it } from "node:test";
import { REPO_ROOT } from "../../../scripts/lib/pulumi-stack";

// What `npm pack` puts in the tarball: only what a user's program needs (compiled
// JavaScript, type declarations, README, LICENSE, the two package.json files, the
// policy pack's folder), and
// all of it. Read off `npm pack --dry-run --json` on the built checkout, scripts
// ignored (prepack would rebuild dist/ under the other tests' feet).

interface PackEntry {
  path: string;
}

function packedFiles(): Promise<string[]> {
  const env = { ...process.env, PATH: [dirname(process.execPath), process.env.PATH ?? ""].join(delimiter), npm_config_update_notifier: "false" };
  return new Promise((resolve, reject) => {
    execFile("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: REPO_ROOT, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`npm pack --dry-run failed: ${error.message}\n${stderr}`));
      const [pack] = JSON.parse(stdout) as { files: PackEntry[] }[];
      resolve(pack!.files.map((f) => f.path).sort());
    });
  });
}

/** The TypeScript sources under a folder, as the compiled paths they become. */
function compiledOf(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
        const base = join("dist", relative(REPO_ROOT, full)).replace(/\.ts$/, "");
        out.push(`${base}.js`, `${base}.d.ts`);
      }
    }
  };
  walk(join(REPO_ROOT, folder));
  return out;
}

describe("the npm package: what npm pack ships and package.json declares", () => {
  it("npm pack ships compiled JS, declarations, README, LICENSE, the catalogue's JSON Schema and the package files: no tests, scripts, sources or maps", async () => {
    const files = await packedFiles();
    const allowed = /^(package\.json|README\.md|LICENSE|emulator\/package\.json|policy\/(package\.json|PulumiPolicy\.yaml)|schema\/catalogue\.schema\.json|docs\/[\w-]+\.md|dist\/(provider|emulator)\/[\w/.-]+\.(js|d\.ts))$/;
    assert.deepEqual(files.filter((f) => !allowed.test(f)), [], "files a user does not need");
    for (const required of ["package.json", "README.md", "LICENSE", "emulator/package.json", "policy/package.json", "policy/PulumiPolicy.yaml", "schema/catalogue.schema.json"]) {
      assert.ok(files.includes(required), `${required} is not packed`);
    }
    assert.ok(!files.some((f) => /(^|\/)(test|scripts|examples|templates)\//.test(f) || f.endsWith(".map") || /\.tsbuildinfo$/.test(f)));
  });

  it("npm pack ships every provider and emulator module, and what package.json names", async () => {
    const files = new Set(await packedFiles());
    const missing = [...compiledOf("provider"), ...compiledOf("emulator")].filter((f) => !files.has(f));
    assert.deepEqual(missing, [], "compiled modules missing from the tarball");
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as Record<string, unknown>;
    assert.ok(files.has(pkg.main as string), `main ${String(pkg.main)}`);
    assert.ok(files.has(pkg.types as string), `types ${String(pkg.types)}`);
    for (const bin of Object.values(pkg.bin as Record<string, string>)) assert.ok(files.has(bin), `bin ${bin}`);
    assert.equal(pkg.exports, undefined, "an exports map would let the repository's programs resolve the package to itself");
  });

  it("a fresh clone packs a built package: prepack compiles and generates the JSON Schema, and the license is Apache-2.0", () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { license: string; scripts: Record<string, string> };
    assert.match(pkg.scripts.prepack ?? "", /\btsc\b.*&& node dist\/scripts\/schema\/main\.js$/);
    assert.equal(pkg.license, "Apache-2.0");
    const license = readFileSync(join(REPO_ROOT, "LICENSE"), "utf8");
    assert.match(license, /Apache License\s+Version 2\.0, January 2004/);
    assert.match(license, /END OF TERMS AND CONDITIONS/);
  });

  it("the policy pack's folder runs the packed pack, at the package's version, with @pulumi/policy an optional peer", async () => {
    const files = new Set(await packedFiles());
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
      version: string;
      peerDependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional?: boolean }>;
    };
    const pack = JSON.parse(readFileSync(join(REPO_ROOT, "policy", "package.json"), "utf8")) as { version: string; main: string };
    assert.ok(files.has(join("policy", pack.main)), `policy/package.json main ${pack.main} is not packed`);
    assert.equal(pack.version, pkg.version, "the pack reports its own version as the package's");
    assert.ok(pkg.peerDependencies["@pulumi/policy"], "@pulumi/policy is not a peer dependency");
    assert.equal(pkg.peerDependenciesMeta["@pulumi/policy"]?.optional, true);
  });
});
