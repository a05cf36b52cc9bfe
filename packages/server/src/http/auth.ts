// Who is calling. The intranet has already signed its user in: a person's request carries a JWT its
// backend signed (HS256 with KAOHE_JWT_SECRET, or keys from the SSO provider's JWKS), verified with
// jose; the intranet's backend itself carries KAOHE_SERVICE_TOKEN. No cookies are read or set, so
// there is no session to ride (no CSRF).
import type { Person } from '@kaohe/workflow';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { HttpProblem, forbidden, unauthorized } from './problem.ts';

export type Caller =
  | { kind: 'person'; id: string; person: Person }
  /** the intranet's backend (directory sync, opening months) */
  | { kind: 'service' };

/** Who a route is for: anyone (health, the OpenAPI document), a signed-in person, the intranet's backend, or either of the last two. */
export type Access = 'anyone' | 'person' | 'service' | 'serviceOrPerson';

export interface AuthSettings {
  /** HS256 secret, at least 32 bytes (KAOHE_JWT_SECRET) */
  jwtSecret?: string;
  /** the SSO provider's JWKS (KAOHE_JWKS_URL): RS256, ES256, PS256 or EdDSA keys */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  serviceToken: string;
}

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export type Authenticate = (authorization: string | undefined) => Promise<Caller>;

/**
 * A token that verified is kept (by its exact text) until it expires, at most VERIFIED_MS and at most
 * VERIFIED_KEPT of them (the oldest go first): a page's many requests under one token verify its
 * signature once. A token that failed is never kept. Nothing here is needed by another instance.
 */
const VERIFIED_KEPT = 10_000;
const VERIFIED_MS = 5 * 60_000;

/** Builds the check every non-public route runs; `findPerson` reads the directory (a token's `sub` must be in it). */
export function createAuthenticator(settings: AuthSettings, findPerson: (id: string) => Promise<Person | undefined>): Authenticate {
  const key: Uint8Array | JWTVerifyGetKey = settings.jwtSecret !== undefined
    ? new TextEncoder().encode(settings.jwtSecret)
    : createRemoteJWKSet(new URL(settings.jwksUrl ?? ''));
  const algorithms = settings.jwtSecret !== undefined ? ['HS256'] : ASYMMETRIC;
  const serviceDigest = digest(settings.serviceToken);
  // token → its subject, and the time (ms) it is kept until: its `exp`, or VERIFIED_MS after it verified
  const verified = new Map<string, { sub: string; until: number }>();

  async function subjectOf(token: string): Promise<string> {
    const now = Date.now();
    const kept = verified.get(token);
    // jose refuses a token from the second of its `exp` on; so does this
    if (kept && now < kept.until) return kept.sub;
    if (kept) verified.delete(token);
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, {
        algorithms,
        requiredClaims: ['exp', 'sub'],
        ...(settings.issuer !== undefined ? { issuer: settings.issuer } : {}),
        ...(settings.audience !== undefined ? { audience: settings.audience } : {}),
      }));
    } catch (error) {
      throw tokenProblem(error);
    }
    const sub = payload.sub as string;
    if (verified.size >= VERIFIED_KEPT) verified.delete(verified.keys().next().value as string);
    verified.set(token, { sub, until: Math.min((payload.exp as number) * 1000, now + VERIFIED_MS) });
    return sub;
  }

  return async (authorization) => {
    const match = /^Bearer ([^\s]+)$/i.exec(authorization ?? '');
    if (!match) throw unauthorized('Send Authorization: Bearer <token>.');
    const token = match[1] as string;
    // Digests are compared, not the tokens: timingSafeEqual needs equal lengths, and comparing lengths first would leak them.
    if (timingSafeEqual(digest(token), serviceDigest)) return { kind: 'service' };
    const person = await findPerson(await subjectOf(token));
    if (!person) throw unauthorized('The token names a person who is not in the directory.');
    return { kind: 'person', id: person.id, person };
  };
}

/** Refuses a caller the route is not for (403: they are known, just not allowed here). */
export function assertAccess(caller: Caller, access: Exclude<Access, 'anyone'>): void {
  if (access === 'person' && caller.kind !== 'person') throw forbidden('This route answers a signed-in person, not the service token.', 'personOnly');
  if (access === 'service' && caller.kind !== 'service') throw forbidden('This route answers the intranet\'s service token only.', 'serviceOnly');
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function tokenProblem(error: unknown): HttpProblem {
  if (error instanceof joseErrors.JWTExpired) return unauthorized('The token has expired.');
  if (error instanceof joseErrors.JWTClaimValidationFailed) return unauthorized(`The token's "${error.claim}" claim is missing or not accepted.`);
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return unauthorized('The token\'s signature does not verify.');
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) {
    return new HttpProblem(503, 'The identity provider\'s keys could not be read; try again shortly.', { code: 'jwksUnavailable', headers: { 'retry-after': '5' } });
  }
  if (error instanceof joseErrors.JOSEError) return unauthorized('The token is malformed or signed with a key or algorithm this server does not accept.');
  if (error instanceof TypeError) {
    // fetching the JWKS failed (network)
    return new HttpProblem(503, 'The identity provider\'s keys could not be read; try again shortly.', { code: 'jwksUnavailable', headers: { 'retry-after': '5' } });
  }
  return unauthorized('The token could not be verified.');
}
