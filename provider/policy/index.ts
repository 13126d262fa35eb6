/**
 * The policy pack for exam catalogues, run with
 * `pulumi preview --policy-pack node_modules/pulumi-proctor/policy`
 * (policy/package.json points here). Needs @pulumi/policy installed next to the package.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type * as Policy from "@pulumi/policy";
import { ConfigError } from "../errors";
import { POLICIES } from "./policies";

/**
 * @pulumi/policy, or one line saying how to install it. It is an optional peer
 * (only the pack needs it), so a project may well lack it; the SDK would then
 * print Node's MODULE_NOT_FOUND with its require stack. A ConfigError is a
 * RunError to the SDK, reported by its message alone.
 */
function loadPolicy(): typeof Policy {
  try {
    return require("@pulumi/policy") as typeof Policy;
  } catch (error) {
    // Only @pulumi/policy itself missing: a module missing inside it is its own failure, shown as it is.
    if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND" || !(error as Error).message.startsWith("Cannot find module '@pulumi/policy'")) throw error;
    // The range is the package's own peer dependency, so this line and package.json cannot disagree.
    const manifest = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8")) as { peerDependencies: Record<string, string> };
    throw new ConfigError(
      "PACKAGE_MISSING",
      `pulumi-proctor's policy pack needs @pulumi/policy, which is not installed here: run \`npm install --save-dev @pulumi/policy@${manifest.peerDependencies["@pulumi/policy"]}\` in the project, then the preview again`,
    );
  }
}

new (loadPolicy().PolicyPack)("pulumi-proctor", { policies: POLICIES });
