import type * as Lifecycle from "./group/lifecycle";

/**
 * The path every ExamGroup's state names as its provider:
 * `require("pulumi-proctor/dist/provider/group-provider.js")`. Kept forever,
 * like provider.ts for Exams, and as thin: each method loads group/lifecycle.ts
 * on its first call, so the program process never loads zod, undici or jose.
 */
let lifecycle: typeof Lifecycle | undefined;

function load(): typeof Lifecycle {
  return (lifecycle ??= require("./group/lifecycle") as typeof Lifecycle);
}

export const configure: typeof Lifecycle.configure = (req) => load().configure(req);
export const check: typeof Lifecycle.check = (olds, news) => load().check(olds, news);
export const create: typeof Lifecycle.create = (inputs) => load().create(inputs);
export const update: typeof Lifecycle.update = (id, olds, news) => load().update(id, olds, news);
// `delete` is a reserved word, so the function has another name inside this module.
const remove: typeof Lifecycle.delete = (id, props) => load().delete(id, props);
export { remove as delete };
