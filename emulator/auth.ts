// Token checks of §2 and §6.2: `Authorization: JWT <token>`, HS256 over the integration's
// secret, and an integer `exp` inside [now − leeway, now + horizon]. Each failure says why,
// without ever repeating the secret or the token.

import { decodeProtectedHeader, jwtVerify } from "jose";

export interface AuthPolicy {
  leewaySeconds: number;
  horizonSeconds: number;
}

export type AuthResult = { ok: true } | { ok: false; error: string; details: Record<string, unknown> };

const SCHEME = "JWT";
// Three base64url segments; the signature may be empty so that `alg: none` tokens reach
// the algorithm check and are reported as such rather than as malformed.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export async function checkAuthorization(
  header: string | undefined,
  secret: string,
  policy: AuthPolicy,
): Promise<AuthResult> {
  if (header === undefined || header === "") {
    return fail("missing Authorization header", { expected: `${SCHEME} <token>` });
  }
  const space = header.indexOf(" ");
  const scheme = space < 0 ? header : header.slice(0, space);
  if (scheme !== SCHEME) {
    return fail("wrong authorization scheme", { scheme, expected: SCHEME });
  }
  const token = header.slice(space + 1);
  if (!COMPACT_JWS.test(token)) {
    return fail("malformed token", { reason: "expected one compact JWS: three base64url segments after 'JWT '" });
  }
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    return fail("malformed token", { reason: "the JOSE header is not base64url-encoded JSON" });
  }
  if (alg !== "HS256") return fail("token algorithm not allowed", { alg: alg ?? null, expected: "HS256" });

  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ["HS256"],
      requiredClaims: ["exp"],
      clockTolerance: policy.leewaySeconds,
    }));
  } catch (error) {
    return explainJoseError(error, policy);
  }
  const exp = payload.exp;
  if (typeof exp !== "number" || !Number.isInteger(exp)) {
    return fail("token exp claim is not an integer", { exp: exp ?? null });
  }
  const now = Date.now() / 1000;
  if (exp - now > policy.horizonSeconds) {
    return fail("token exp too far in the future", {
      exp,
      now: Math.floor(now),
      horizonSeconds: policy.horizonSeconds,
    });
  }
  return { ok: true };
}

function fail(error: string, details: Record<string, unknown>): AuthResult {
  return { ok: false, error, details };
}

function explainJoseError(error: unknown, policy: AuthPolicy): AuthResult {
  const code = (error as { code?: unknown }).code;
  const claim = (error as { claim?: unknown }).claim;
  const payload = (error as { payload?: Record<string, unknown> }).payload;
  switch (code) {
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return fail("invalid token signature", { reason: "signature does not match this integration's secret" });
    case "ERR_JWT_EXPIRED":
      return fail("token expired", {
        exp: payload?.exp ?? null,
        now: Math.floor(Date.now() / 1000),
        leewaySeconds: policy.leewaySeconds,
      });
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      if (claim === "exp" && (error as { reason?: unknown }).reason === "missing") {
        return fail("token has no exp claim", { required: ["exp"] });
      }
      if (claim === "exp") return fail("token exp claim is not an integer", { exp: payload?.exp ?? null });
      return fail("token claim rejected", { claim: typeof claim === "string" ? claim : null });
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return fail("token algorithm not allowed", { expected: "HS256" });
    default:
      return fail("malformed token", { reason: error instanceof Error ? error.message : "unreadable token" });
  }
}
