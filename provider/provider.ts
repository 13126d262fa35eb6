/**
 * The path every Exam's state names as its provider:
 * `require("pulumi-proctor/dist/provider/provider.js")`. Kept on purpose, one
 * line, forever: stacks written by any release load the current provider
 * through it for update, refresh and delete. The provider lives in exam/lifecycle.ts.
 */
export * from "./exam/lifecycle";
