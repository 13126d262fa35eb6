// The one public exam operation (§2): an upsert at
// POST /api/v2/integration/simple/{integrationName}/exams/. Checks run in the order a
// typical REST server applies them: route, method, integration, token, media type, body.

import { checkAuthorization, type AuthPolicy } from "./auth";
import { isJsonObject } from "./exam";
import { errorAnswer, unlessJson, type Answer } from "./http";
import type { ExamStore } from "./store";
import { renderExam } from "./render";
import { validateExam } from "./validate";

export interface ApiRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  bodyText: string;
}

export interface ApiContext {
  secrets: ReadonlyMap<string, string>;
  auth: AuthPolicy;
  store: ExamStore;
}

export interface ApiOutcome {
  answer: Answer;
  integration: string | null;
  authorized: boolean | null;
  revision: number | null;
}

const EXAMS_PATH = /^\/api\/v2\/integration\/simple\/([^/]+)\/exams\/?$/;

/** The integration named by an exam-endpoint path, or undefined for any other path. */
export function integrationInPath(path: string): string | undefined {
  const match = EXAMS_PATH.exec(path);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

export async function answerExamRequest(request: ApiRequest, context: ApiContext): Promise<ApiOutcome> {
  const integration = integrationInPath(request.path);
  const outcome = (answer: Answer, authorized: boolean | null = null, revision: number | null = null): ApiOutcome => ({
    answer,
    integration: integration ?? null,
    authorized,
    revision,
  });
  if (integration === undefined) return outcome(errorAnswer(404, "not found", { path: request.path }));
  if (request.method !== "POST") {
    const answer = errorAnswer(405, "method not allowed", { method: request.method, allowed: ["POST"] });
    return outcome({ ...answer, headers: { Allow: "POST" } });
  }
  const secret = context.secrets.get(integration);
  if (secret === undefined) return outcome(errorAnswer(404, "unknown integration", { integration }));

  const auth = await checkAuthorization(request.authorization, secret, context.auth);
  if (!auth.ok) {
    const answer = errorAnswer(401, auth.error, auth.details);
    return outcome({ ...answer, headers: { "WWW-Authenticate": 'JWT realm="api"' } }, false);
  }
  const notJson = unlessJson(request.contentType);
  if (notJson) return outcome(notJson, true);
  let body: unknown;
  try {
    body = JSON.parse(request.bodyText);
  } catch (error) {
    return outcome(errorAnswer(400, "invalid JSON", { reason: (error as Error).message }), true);
  }
  if (!isJsonObject(body)) return outcome(errorAnswer(400, "request body must be a JSON object"), true);

  const validation = validateExam(body);
  if (!validation.ok) return outcome(errorAnswer(400, "validation failed", validation.details), true);

  const { created, stored } = context.store.upsert(integration, validation.exam, new Date());
  await context.store.saved();
  return outcome({ status: created ? 201 : 200, body: renderExam(stored) }, true, stored.revision);
}
