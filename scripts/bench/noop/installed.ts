import type * as NoopProvider from "./provider";

/**
 * The package name under which the bench installs ./provider.js in node_modules.
 * Pulumi serializes a module found under node_modules as `require("<name>")`,
 * as it does pulumi-proctor's provider; a local module would be inlined instead,
 * and the floor would then pay for a different serialized text.
 */
export const NOOP_PACKAGE = "pulumi-proctor-noop";

export function installedProvider(): typeof NoopProvider {
  try {
    return require(NOOP_PACKAGE) as typeof NoopProvider;
  } catch (error) {
    throw new Error(`${NOOP_PACKAGE} is not installed under node_modules; run this program through npm run bench (${(error as Error).message})`);
  }
}
