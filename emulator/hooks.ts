// Test hooks under /__emulator/, a prefix the real API does not have: inspect what was
// stored and received, reset, and inject faults. No token, by design: a loopback test tool,
// which only a loopback caller that is not a web page may use (hook-access.ts).

import { parseFaultSpec, type Faults } from "./faults";
import { errorAnswer, parseJson, type Answer } from "./http";
import type { RequestLog } from "./log";
import { viewExam, type ExamStore } from "./store";

export const HOOK_PREFIX = "/__emulator/";

export interface HookContext {
  store: ExamStore;
  log: RequestLog;
  faults: Faults;
  reset(): Promise<void>;
}

export function isHookPath(path: string): boolean {
  return path.startsWith(HOOK_PREFIX) || path === HOOK_PREFIX.slice(0, -1);
}

export async function answerHookRequest(
  method: string,
  path: string,
  bodyText: string,
  context: HookContext,
): Promise<Answer> {
  const segments = path.slice(HOOK_PREFIX.length).split("/").filter((s) => s !== "");
  const route = segments[0] ?? "";
  const allow = (methods: string[], handle: () => Answer | Promise<Answer>): Answer | Promise<Answer> =>
    methods.includes(method)
      ? handle()
      : { ...errorAnswer(405, "method not allowed", { method, allowed: methods }), headers: { Allow: methods.join(", ") } };

  if (route === "exams" && segments.length === 1) {
    return allow(["GET"], () => ({ status: 200, body: { exams: context.store.list().map(viewExam) } }));
  }
  if (route === "exams" && segments.length === 3) {
    return allow(["GET"], () => {
      const [integration, examId] = segments.slice(1).map(decodeSegment);
      const stored = integration !== undefined && examId !== undefined ? context.store.get(integration, examId) : undefined;
      return stored
        ? { status: 200, body: viewExam(stored) }
        : errorAnswer(404, "exam not found", { integration: integration ?? null, examId: examId ?? null });
    });
  }
  if (route === "requests" && segments.length === 1) {
    return allow(["GET"], () => ({ status: 200, body: { requests: context.log.list(), dropped: context.log.dropped() } }));
  }
  if (route === "reset" && segments.length === 1) {
    return allow(["POST"], async () => {
      await context.reset();
      return { status: 200, body: { ok: true } };
    });
  }
  if (route === "faults" && segments.length === 1) {
    return allow(["GET", "POST", "DELETE"], () => {
      if (method === "DELETE") context.faults.clear();
      if (method === "POST") {
        const parsed = parseFaultSpec(parseJson(bodyText));
        if (!parsed.ok) return errorAnswer(400, "invalid fault", parsed.details);
        context.faults.add(parsed.spec);
      }
      return { status: 200, body: { faults: context.faults.list() } };
    });
  }
  return errorAnswer(404, "no such test hook", { path });
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
