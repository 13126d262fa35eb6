/**
 * The course-level limit of the benchmark: a dynamic provider for one course's
 * exams that does nothing but what the engine requires. No `diff` method, as
 * the ExamGroup provider has none, so the engine diffs the exams' JSON strings
 * itself; outputs are the inputs. What Pulumi costs for N exams held as
 * ceil(N / 50) resources of one string per exam: course granularity cannot go
 * below it. Installed under node_modules like ../provider.js (floor.ts).
 */
import { randomUUID } from "node:crypto";

export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
  return { inputs: news };
}

export async function create(inputs: Record<string, unknown>) {
  return { id: randomUUID(), outs: inputs };
}

export async function update(_id: string, _olds: Record<string, unknown>, news: Record<string, unknown>) {
  return { outs: news };
}

// `delete` is a reserved word, as in provider/provider.ts.
export { remove as delete };

async function remove(): Promise<void> {}
