import { webcrypto } from "node:crypto";
import { SignJWT } from "jose";

// One imported HMAC key per secret for the life of the process: importing it
// again for every token took about a third of the signing time.
const keys = new Map<string, Promise<webcrypto.CryptoKey>>();

function signingKey(secret: string): Promise<webcrypto.CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = webcrypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(secret, key);
  }
  return key;
}

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
    .sign(await signingKey(secret));
}
