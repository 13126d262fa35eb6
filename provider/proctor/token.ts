import { SignJWT } from "jose";

/**
 * Signs the token Proctor expects in `Authorization: JWT <token>`: HS256 over the
 * integration's secret, a payload of just `exp`. A fresh token is signed for every
 * attempt so a retry after a slow failure never carries an expired one.
 */
export async function signToken(secret: string, lifetimeSeconds: number, now = Date.now()): Promise<string> {
  const exp = Math.floor(now / 1000) + lifetimeSeconds;
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));
}
