import { reportedToEngine } from "./errors";
import type * as Lifecycle from "./exam/lifecycle";

/**
 * The path every Exam's state names as its provider:
 * `require("pulumi-proctor/dist/provider/provider.js")`. Kept on purpose,
 * forever: stacks written by any release load the current provider through it
 * for update, refresh and delete.
 *
 * Each method loads exam/lifecycle.ts (the schema, the HTTP client, tokens) on
 * its first call: the program process imports this module only to name it as
 * the provider, so a program that declares Exams never loads zod, undici or jose.
 * An error a method throws reaches the engine with its code in its message
 * (reportedToEngine).
 */
let lifecycle: typeof Lifecycle | undefined;

function load(): typeof Lifecycle {
  return (lifecycle ??= require("./exam/lifecycle") as typeof Lifecycle);
}

export const configure: typeof Lifecycle.configure = (req) => reportedToEngine(() => load().configure(req));
export const check: typeof Lifecycle.check = (olds, news) => reportedToEngine(() => load().check(olds, news));
export const diff: typeof Lifecycle.diff = (id, olds, news) => reportedToEngine(() => load().diff(id, olds, news));
export const create: typeof Lifecycle.create = (inputs) => reportedToEngine(() => load().create(inputs));
export const update: typeof Lifecycle.update = (id, olds, news) => reportedToEngine(() => load().update(id, olds, news));
// `delete` is a reserved word, so the function has another name inside this module.
const remove: typeof Lifecycle.delete = (id, props) => reportedToEngine(() => load().delete(id, props));
export { remove as delete };
