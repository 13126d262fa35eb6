import type { PolicyConfigSchema } from "@pulumi/policy";
import { z } from "zod";
import { ConfigError } from "../errors";

/** What a rule reads its parameters from: the validation arguments of @pulumi/policy. */
interface ConfigArgs {
  getConfig<T extends object>(): T;
}

/**
 * A rule's parameters, from one zod shape: the JSON Schema the engine checks
 * `--policy-pack-config` against (types, bounds, defaults, descriptions) and
 * the typed values the rule reads, defaults filled in.
 */
export function ruleParameters<S extends z.ZodRawShape>(rule: string, shape: S) {
  const schema = z.object(shape);
  const { properties } = z.toJSONSchema(schema, { io: "input" }) as { properties?: PolicyConfigSchema["properties"] };
  return {
    configSchema: { properties: properties ?? {} } satisfies PolicyConfigSchema,
    read(args: ConfigArgs): z.output<typeof schema> {
      const parsed = schema.safeParse(args.getConfig<object>());
      if (parsed.success) return parsed.data;
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
      throw new ConfigError("POLICY_CONFIG_INVALID", `policy ${rule}: the policy pack config is invalid: ${problems.join("; ")}`);
    },
  };
}

/** A glob as a stack-name pattern: `*` any run of characters, `?` one; the whole name must match. */
export function globMatches(glob: string, name: string): boolean {
  const source = [...glob].map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[\\^$.|+()[\]{}]/g, "\\$&"))).join("");
  return new RegExp(`^${source}$`, "s").test(name);
}
