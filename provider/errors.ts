/**
 * The errors a user of pulumi-proctor can meet, one family with stable codes
 * (for scripts that catch them, e.g. an LMS sync). The message is the whole
 * story: what, which exam or file, what the server said, what to do; so the
 * stack is the message alone, never a trace of this package's internals. No
 * import of @pulumi/pulumi: the HTTP client uses these too.
 */
export type ProctorErrorCode = "PROCTOR_API" | "PROCTOR_CONFIG" | "PROCTOR_CATALOGUE" | "PROCTOR_VALIDATION";

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
    this.stack = `${this.name}: ${message}`;
  }
}

/** Proctor refused an upsert, answered something that is not an exam, or never answered. */
export class ApiError extends ProctorError {
  constructor(
    message: string,
    /** The HTTP status, when there was an answer. */
    readonly status?: number,
  ) {
    super("PROCTOR_API", message);
  }
}

/** A connection or tuning setting, or a package the policy pack needs, is missing or wrong; the message says how to set or install it. */
export class ConfigError extends ProctorError {
  constructor(message: string) {
    super("PROCTOR_CONFIG", message);
  }
}

/** An exam's arguments failed the schema (in a method after check, e.g. a state no release wrote). */
export class ValidationError extends ProctorError {
  constructor(message: string) {
    super("PROCTOR_VALIDATION", message);
  }
}
