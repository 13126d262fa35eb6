import { reportedToEngine } from "./errors";
import type * as Lifecycle from "./group/lifecycle";

/**
 * The path every ExamGroup's state names as its provider:
 * `require("pulumi-proctor/dist/provider/group-provider.js")`. Kept forever,
 * like provider.ts for Exams, and as thin: each method loads group/lifecycle.ts
 * on its first call, so the program process never loads zod, undici or jose.
 * Errors reach the engine with their code, as provider.ts says.
 */
let lifecycle: typeof Lifecycle | undefined;

function load(): typeof Lifecycle {
  return (lifecycle ??= require("./group/lifecycle") as typeof Lifecycle);
}

export const configure: typeof Lifecycle.configure = (req) => reportedToEngine(() => load().configure(req));
export const check: typeof Lifecycle.check = (olds, news) => reportedToEngine(() => load().check(olds, news));
export const create: typeof Lifecycle.create = (inputs) => reportedToEngine(() => load().create(inputs));
export const update: typeof Lifecycle.update = (id, olds, news) => reportedToEngine(() => load().update(id, olds, news));
// `delete` is a reserved word, so the function has another name inside this module.
const remove: typeof Lifecycle.delete = (id, props) => reportedToEngine(() => load().delete(id, props));
export { remove as delete };
