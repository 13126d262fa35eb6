import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../errors";
import { isRecord } from "../record";

/**
 * Checks an Exam makes in the program process, before anything is registered:
 * what reaches the engine is stored in state and shown in previews, so a
 * mistake caught later is already written down.
 */

// Names no Exam argument has; a value under one is almost surely a credential pasted in the wrong place.
const CREDENTIAL_NAME = /secret|password|passwd|token|api_?key|credential/i;

/** Refuses an argument named like a credential, at any depth, without ever printing its value. */
export function refuseCredentialArguments(name: string, args: object): void {
  for (const path of credentialPaths(args, "")) {
    throw new ValidationError(
      "VALIDATION",
      `exam "${name}": argument ${path} looks like a credential, and an Exam takes none; its value was not sent or stored. ` +
        "Keep the secret in the stack config: pulumi config set --secret proctor:jwtSecret <value> " +
        "(or --secret --path 'proctor:connections.<name>.jwtSecret' for a named connection).",
    );
  }
}

function credentialPaths(value: object, prefix: string): string[] {
  const found: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (CREDENTIAL_NAME.test(key)) found.push(path);
    else if (isPlainObject(child)) found.push(...credentialPaths(child, path));
  }
  return found;
}

function isPlainObject(value: unknown): value is object {
  return isRecord(value) && !pulumi.Output.isInstance(value);
}

/**
 * The arguments that say which exam a change touches and whether removing it
 * closes the exam, each with what it says. A secret shows as [secret] in every
 * preview, so the reviewer of a change could not see either.
 */
const NEVER_SECRET: Record<string, string> = {
  examId: "examId names the exam in Proctor that the resource changes",
  accountId: "accountId names the account the exam belongs to (a change replaces the exam)",
  connection: "connection names the integration the exam lives in (a change of where it points replaces the exam)",
  deletionPolicy: "deletionPolicy decides whether removing the resource closes the exam",
};

/**
 * Settles when none of the exam's identity and fate arguments is a secret, and
 * fails naming each one that is. Undefined when none of them is an Output (the
 * usual catalogue), so that plain exams pay nothing.
 */
export function refusedSecrets(name: string, args: Record<string, unknown>): Promise<void> | undefined {
  const outputs = Object.keys(NEVER_SECRET).filter((key) => pulumi.Output.isInstance(args[key]));
  if (outputs.length === 0) return undefined;
  const secret = outputs.map(async (key) => ((await pulumi.isSecret(args[key] as pulumi.Output<unknown>)) ? [key] : []));
  return Promise.all(secret).then((lists) => {
    const keys = lists.flat();
    if (keys.length === 0) return;
    const one = keys.length === 1;
    const named = one ? keys[0] : `${keys.slice(0, -1).join(", ")} and ${keys[keys.length - 1]}`;
    const [them, they] = one ? ["it", "it is"] : ["them", "they are"];
    throw new ValidationError(
      "VALIDATION",
      `exam "${name}": ${named} ${one ? "is passed as a secret" : "are passed as secrets"}, and ${they} never secret: ` +
        `${keys.map((key) => NEVER_SECRET[key]).join("; ")}. A reviewer must see ${them}, and a preview shows a secret as [secret]. ` +
        `Pass ${them} as ${one ? "a plain value" : "plain values"}; nothing was sent for this exam.`,
    );
  });
}

/** An input held back until `gate` settles, failing with it. */
export function heldBack<T>(gate: Promise<void> | undefined, input: pulumi.Input<T>): pulumi.Input<T> {
  if (gate === undefined) return input;
  if (pulumi.Output.isInstance(input)) return pulumi.all([gate, input]).apply(([, value]) => value as T);
  return gate.then(() => input);
}

let plainSecretChecked = false;

/**
 * `proctor:jwtSecret` set without `--secret` sits in Pulumi.<stack>.yaml in
 * clear, usually committed. The program process is the only one that can tell:
 * the provider receives config already decrypted.
 */
export function warnIfSecretInPlainConfig(): void {
  if (plainSecretChecked) return;
  plainSecretChecked = true;
  const secretKeys = secretConfigKeys();
  if (secretKeys === undefined) return;
  const config = pulumi.runtime.allConfig();
  if (config["proctor:jwtSecret"] !== undefined && !secretKeys.has("proctor:jwtSecret")) {
    pulumi.log.warn(
      "proctor:jwtSecret is stored in plain text in the stack's config file; encrypt it with: pulumi config set --secret proctor:jwtSecret <value>",
    );
  }
  const connections = config["proctor:connections"];
  if (connections !== undefined && /jwtSecret/.test(connections) && !secretKeys.has("proctor:connections")) {
    pulumi.log.warn(
      "proctor:connections holds a jwtSecret in plain text; encrypt it with: pulumi config set --secret --path 'proctor:connections.<name>.jwtSecret' <value>",
    );
  }
}

/** The config keys holding secrets (at any depth), as the language host lists them; undefined when it does not. */
function secretConfigKeys(): Set<string> | undefined {
  const listed = process.env.PULUMI_CONFIG_SECRET_KEYS;
  if (listed === undefined) return undefined;
  try {
    // A host written in Go sends `null` for an empty list.
    const keys: unknown = JSON.parse(listed) ?? [];
    return Array.isArray(keys) ? new Set(keys.map(String)) : undefined;
  } catch {
    return undefined;
  }
}
