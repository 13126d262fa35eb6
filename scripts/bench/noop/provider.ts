/**
 * The floor of the benchmark: a dynamic provider that does nothing but what the
 * engine requires. It mirrors the Exam provider's shape (a module whose exports
 * are the methods, diff left to the engine, outputs = inputs) so that the time
 * Pulumi itself spends on N dynamic resources can be told apart from ours.
 * The bench installs this file under node_modules, as pulumi-proctor is
 * installed, so its serialized form is also a single require().
 */

export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
  return { inputs: news };
}

export async function diff() {
  return {};
}

export async function create(inputs: Record<string, unknown>) {
  return { id: String(inputs.examId), outs: inputs };
}

export async function update(_id: string, _olds: Record<string, unknown>, news: Record<string, unknown>) {
  return { outs: news };
}

// `delete` is a reserved word, as in provider/provider.ts.
export { remove as delete };

async function remove(): Promise<void> {}
