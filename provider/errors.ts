/**
 * The errors a user of pulumi-proctor can meet: one family, every class in
 * this file, each error with a stable `code` (jose's and undici's way) for
 * scripts that catch them, e.g. an LMS sync that must tell "try again later"
 * from "fix the data". The message is the whole story: what, which exam or
 * file, what the server said, what to do; so the stack is the message alone,
 * never a trace of this package's internals. No import of @pulumi/pulumi or
 * any other package: the HTTP client and the program process use these too.
 */
import { describeProblem, type CatalogueProblem } from "./catalogue/problems";

interface CodeDoc {
  /** The class whose errors carry the code. */
  error: string;
  /** What happened, in a user's words. */
  means: string;
  /** What to do about it. */
  todo: string;
  /** The `pulumi-proctor` command's exit status for it (2 is a usage mistake, which has no code). */
  exit: 1 | 70;
}

/**
 * Every code with its meaning, what to do, and the CLI's exit status. The
 * table of codes in docs/errors.md is read off this object (scripts/docs/errors.ts).
 */
export const ERROR_CODES = {
  PROCTOR_TIMEOUT: {
    error: "ApiError",
    means: "The last attempt had no whole answer within `proctor:requestTimeoutSeconds`; every attempt up to `proctor:maxAttempts` failed.",
    todo: "Run `pulumi up` again (the upsert is idempotent); raise `proctor:requestTimeoutSeconds` if Proctor is only slow.",
    exit: 1,
  },
  PROCTOR_UNREACHABLE: {
    error: "ApiError",
    means: "The last attempt had no answer at all (connection refused or reset, name not resolved: after `proctor:maxAttempts` attempts; a TLS failure at once).",
    todo: "Check `proctor:url` and the network (proxy, firewall, certificate), then run `pulumi up` again.",
    exit: 1,
  },
  PROCTOR_UNAUTHORIZED: {
    error: "ApiError",
    means: "Proctor answered 401 (also to a second, freshly signed token) or 403.",
    todo: "Check `proctor:jwtSecret` for this integration and the machine's clock; raise `proctor:tokenLifetimeSeconds` if clocks drift.",
    exit: 1,
  },
  PROCTOR_NOT_FOUND: {
    error: "ApiError",
    means: "Proctor answered 404: no integration of that name at that url (or nothing at that url's path).",
    todo: "Check `proctor:integrationName` and `proctor:url`.",
    exit: 1,
  },
  PROCTOR_REJECTED: {
    error: "ApiError",
    means: "Proctor refused the exam with a 4xx (400: its own validation); the message holds Proctor's answer.",
    todo: "Fix the exam's fields as Proctor's answer says; sending it unchanged fails again.",
    exit: 1,
  },
  PROCTOR_UNAVAILABLE: {
    error: "ApiError",
    means: "Proctor answered 429 or 5xx: 429/502/503/504 after `proctor:maxAttempts` attempts, any other 5xx at once.",
    todo: "Run `pulumi up` again later; raise `proctor:maxAttempts` or `proctor:retryMaxDelayMs` to wait longer within one run.",
    exit: 1,
  },
  PROCTOR_MALFORMED_ANSWER: {
    error: "ApiError",
    means: "An answer that is not Proctor's: a 2xx that is no JSON object or is longer than `proctor:maxResponseBytes`, or a redirect.",
    todo: "Check that `proctor:url` is the Proctor API itself, not a proxy or sign-in page; the exam may have been stored, and running `pulumi up` again is safe.",
    exit: 1,
  },
  CONFIG_MISSING: {
    error: "ConfigError",
    means: "A connection setting (url, integrationName, jwtSecret) is set neither in the stack config nor in its environment variable.",
    todo: "Run the `pulumi config set` the message gives, or set the environment variable it names.",
    exit: 1,
  },
  CONFIG_INVALID: {
    error: "ConfigError",
    means: "A `proctor:*` value is malformed: a url that is not https (plain http only on loopback) or holds a password, query or fragment; a tuning value out of its bounds; `proctor:connections` not an object of connections.",
    todo: "Fix the value the message names (see [Configuration](configuration.md)).",
    exit: 1,
  },
  CONFIG_NO_CONNECTION: {
    error: "ConfigError",
    means: "A close must go where the exam lives, and no configured connection points there.",
    todo: 'Configure a connection to that url and integration, or set `deletionPolicy: "retain"` and run `pulumi up` before removing the exam.',
    exit: 1,
  },
  POLICY_CONFIG_INVALID: {
    error: "ConfigError",
    means: "The policy pack's config does not fit a rule's parameters.",
    todo: "Fix the rule's parameters as the message says (see [Policy pack](policy-pack.md)).",
    exit: 1,
  },
  PACKAGE_MISSING: {
    error: "ConfigError",
    means: "The policy pack needs `@pulumi/policy`, which is not installed next to pulumi-proctor.",
    todo: "Run the `npm install` the message gives.",
    exit: 1,
  },
  PACKAGE_LOCATION: {
    error: "ConfigError",
    means: "pulumi-proctor was loaded from outside a `node_modules` folder (a linked checkout, Yarn Plug'n'Play).",
    todo: "Install it with npm, pnpm, or yarn with `nodeLinker: node-modules`.",
    exit: 1,
  },
  VALIDATION: {
    error: "ValidationError",
    means: "An exam's arguments, or a value given to this package, failed a check (a credential-like argument, a secret identity field, an examId declared twice, a bad examIdTemplate).",
    todo: "Fix what the message names; nothing was sent.",
    exit: 1,
  },
  PREVIEW_INVALID: {
    error: "ValidationError",
    means: "`pulumi-proctor review` was given something that is not the output of `pulumi preview --json`.",
    todo: "Give it the file `pulumi preview --json` wrote (the text output has no steps).",
    exit: 1,
  },
  CATALOGUE_INVALID: {
    error: "CatalogueError",
    means: "A catalogue has problems, each with its file, line, entry and field (in `problems`); no exam was declared.",
    todo: "Fix every problem listed; `pulumi-proctor lint` checks the files without Pulumi.",
    exit: 1,
  },
  ROLLOVER_REFUSED: {
    error: "RolloverRefused",
    means: "`pulumi-proctor rollover` would write a catalogue whose examIds collide with the source's or with each other (or cannot make one); every reason is in `reasons`.",
    todo: "Act on the reasons (give the examIdTemplate a `{term}`, pass `--id-template`, or change `--to-term`); nothing was written.",
    exit: 1,
  },
  GROUP_PARTIAL_FAILURE: {
    error: "GroupPartialFailure",
    means: "Some exams of a course- or account-level resource failed; the others were stored.",
    todo: "Each failed exam's line ends with its own code: act on those. The next `pulumi up` sends only what is still different.",
    exit: 1,
  },
  INTERNAL: {
    error: "InternalError",
    means: "pulumi-proctor's check of its own work failed (e.g. an imported catalogue would not read back as the export).",
    todo: "Please report it with the message; nothing was written.",
    exit: 70,
  },
} as const satisfies Record<string, CodeDoc>;

export type ProctorErrorCode = keyof typeof ERROR_CODES;

/** The codes the errors of class `C` carry, read off ERROR_CODES. */
type CodeOf<C extends string> = { [K in ProctorErrorCode]: (typeof ERROR_CODES)[K]["error"] extends C ? K : never }[ProctorErrorCode];

export class ProctorError extends Error {
  /**
   * Pulumi's brand of a RunError (its `RunError.isInstance` checks this
   * property): a program that throws one is reported by its message alone.
   */
  readonly __pulumiRunError = true;

  constructor(
    readonly code: ProctorErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
    // Node's own spelling of a coded error (`Error [ERR_X]: ...`).
    this.stack = `${this.name} [${code}]: ${message}`;
  }
}

/** Proctor refused an upsert, answered something that is not an exam, or never answered. */
export class ApiError extends ProctorError {
  declare readonly code: CodeOf<"ApiError">;

  constructor(
    code: CodeOf<"ApiError">,
    message: string,
    /** The HTTP status, when there was an answer. */
    readonly status?: number,
  ) {
    super(code, message);
  }
}

/** A connection or tuning setting, the policy pack's config, or the package's installation is missing or wrong; the message says how to set or install it. */
export class ConfigError extends ProctorError {
  declare readonly code: CodeOf<"ConfigError">;

  constructor(code: CodeOf<"ConfigError">, message: string) {
    super(code, message);
  }
}

/** A value failed its check: an exam's arguments in the program, or an input of this package's functions and commands. */
export class ValidationError extends ProctorError {
  declare readonly code: CodeOf<"ValidationError">;

  constructor(code: CodeOf<"ValidationError">, message: string) {
    super(code, message);
  }
}

// Enough to fix a first round; the full list stays on the error's `problems`.
const MAX_LISTED = 50;

/**
 * Every problem of a catalogue, found before any resource is registered; the
 * list is the whole story, a stack trace of this package would only hide it.
 */
export class CatalogueError extends ProctorError {
  declare readonly code: CodeOf<"CatalogueError">;

  constructor(readonly problems: readonly CatalogueProblem[]) {
    const listed = problems.slice(0, MAX_LISTED).map((p) => `  - ${describeProblem(p)}`);
    if (problems.length > MAX_LISTED) listed.push(`  ... and ${problems.length - MAX_LISTED} more`);
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super("CATALOGUE_INVALID", `the exam catalogue has ${count}; no exam was declared and nothing was sent to Proctor:\n${listed.join("\n")}`);
  }
}

/** A rollover can write nothing: every reason, each naming the exams concerned. */
export class RolloverRefused extends ProctorError {
  declare readonly code: CodeOf<"RolloverRefused">;

  constructor(readonly reasons: readonly string[]) {
    super("ROLLOVER_REFUSED", `refused, nothing was written:\n${reasons.map((r) => `  - ${r}`).join("\n")}`);
  }
}

/**
 * Some exams of an ExamGroup failed. The dynamic-provider host passes `id`,
 * `properties` and `reasons` on to the engine as a resource-initialization
 * failure: the exams that succeeded are stored with those outputs, and the
 * next `up` updates the resource even without a change.
 */
export class GroupPartialFailure extends ProctorError {
  declare readonly code: CodeOf<"GroupPartialFailure">;

  constructor(
    readonly id: string,
    readonly properties: Record<string, unknown>,
    /** One line per failed exam, `exam "<examId>": <its message> [<its code>]`. */
    readonly reasons: readonly string[],
  ) {
    const exams = reasons.length === 1 ? "1 exam" : `${reasons.length} exams`;
    super(
      "GROUP_PARTIAL_FAILURE",
      `${exams} of this group failed; the others were stored, and the next pulumi up sends only what is still different:\n` +
        reasons.map((line) => `  ${line}`).join("\n"),
    );
  }
}

/** A check of this package's own work failed: a fault of pulumi-proctor, not of the input. */
export class InternalError extends ProctorError {
  declare readonly code: CodeOf<"InternalError">;

  constructor(message: string) {
    super("INTERNAL", message);
  }
}

/**
 * The text the engine shows for an error: a ProctorError's message with its
 * code in brackets at the end of the first line. Across the engine only the
 * message travels (the dynamic-provider host and the program's RunError
 * report `message` alone), so a script driving `pulumi up` reads the code
 * there.
 */
export function engineMessage(error: unknown): string {
  if (!(error instanceof ProctorError)) return error instanceof Error ? error.message : String(error);
  const tag = ` [${error.code}]`;
  const end = error.message.indexOf("\n");
  if (error.message.slice(0, end < 0 ? undefined : end).endsWith(tag)) return error.message;
  return end < 0 ? `${error.message}${tag}` : `${error.message.slice(0, end)}${tag}${error.message.slice(end)}`;
}

/**
 * A provider method's promise, with a ProctorError it rejects with carrying
 * its code in its message (see engineMessage): the one place an error leaves
 * this package for the engine.
 */
export async function reportedToEngine<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ProctorError) error.message = engineMessage(error);
    throw error;
  }
}

/** The `pulumi-proctor` command's exit status for a failure: its code's, or 1 for anything else. */
export function exitStatus(error: unknown): number {
  return error instanceof ProctorError ? ERROR_CODES[error.code].exit : 1;
}
