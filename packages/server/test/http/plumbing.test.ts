// The HTTP layer's own promises, before any appraisal: who gets in (401/403), what every error looks
// like (RFC 9457), the limits (413, 429 with Retry-After), CORS only for listed origins, health, the
// OpenAPI document, the directory sync and its 422 listing every problem, and logs without tokens.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Writable } from 'node:stream';
import type { KaoheDatabase } from '../../src/db/index.ts';
import type { KaoheApp } from '../../src/http/app.ts';
import { bearer, JWT_SECRET, openTestDatabase, service, SERVICE_TOKEN, testApp, tokenFor } from './support.ts';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

const people = [
  { id: 'H1', name: 'HR one', roles: ['hr'] },
  { id: 'R1', name: 'RM north', roles: ['regionalManager'], region: 'north', managerId: 'H1' },
  { id: 'S1', name: 'Salesperson north', roles: ['salesperson'], region: 'north', managerId: 'R1' },
];

let db: KaoheDatabase;
let app: KaoheApp;
before(async () => {
  db = await openTestDatabase();
  app = await testApp(db);
  const put = await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people } });
  assert.equal(put.statusCode, 200, put.body);
});
after(async () => {
  await app.close();
  await db.close();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('health and the OpenAPI document', () => {
  test('health answers 200 with the engine while the database answers, 503 as a problem while it does not', async () => {
    const ok = await get('/api/v1/health');
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json(), { status: 'ok', database: db.kind });
    const pingable = db as KaoheDatabase & { failPing?: boolean };
    const original = db.ping.bind(db);
    db.ping = async () => { throw new Error('connection refused'); };
    try {
      const down = await get('/api/v1/health');
      assert.equal(down.statusCode, 503);
      assert.equal(down.headers['content-type'], PROBLEM_JSON);
      assert.equal(down.headers['retry-after'], '5');
      assert.deepEqual(down.json(), { status: 503, title: 'Service Unavailable', detail: 'The database does not answer; the server keeps trying.', code: 'databaseUnavailable' });
    } finally {
      db.ping = original;
      void pingable;
    }
  });

  test('the OpenAPI 3.1 document describes the routes with the JSON Schema of their zod schemas', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    const put = doc.paths['/api/v1/directory'].put;
    const person = put.requestBody.content['application/json'].schema.properties.people.items;
    assert.deepEqual(person.required, ['id', 'name', 'roles']);
    assert.equal(person.properties.name.maxLength, 200);
    assert.equal(person.additionalProperties, false);
    assert.ok(put.responses['422'], 'the 422 problem is documented');
    assert.ok(doc.paths['/api/v1/health'].get.responses['200']);
    // a tasks page documents task rows: the score's totals, no sheet, items, comments or history
    const row = doc.paths['/api/v1/tasks'].get.responses['200'].content['application/json'].schema.properties.items.items.properties.appraisal;
    assert.deepEqual(Object.keys(row.properties.score.properties), ['work', 'attendance', 'monthly', 'complete']);
    assert.deepEqual(['sheet', 'visibleItems', 'comments', 'history'].filter((field) => field in row.properties), []);
    assert.equal(doc.paths['/api/v1/openapi.json'], undefined, 'the document does not list itself');
  });
});

describe('who gets in', () => {
  const tasks = '/api/v1/me';
  test('no token, a malformed header, a bad signature, an expired token, no exp, an unknown person: 401 problems', async () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ['no token', {}, 'Send Authorization: Bearer <token>.'],
      ['basic auth', { authorization: 'Basic dXNlcjpwYXNz' }, 'Send Authorization: Bearer <token>.'],
      ['garbage', bearer('not-a-jwt'), 'The token is malformed or signed with a key or algorithm this server does not accept.'],
      ['wrong secret', bearer(await tokenFor('S1', { secret: 'another secret that is at least thirty-two bytes' })), 'The token\'s signature does not verify.'],
      ['expired', bearer(await tokenFor('S1', { exp: Math.floor(Date.now() / 1000) - 60 })), 'The token has expired.'],
      ['without exp', bearer(await tokenFor('S1', { withoutExp: true })), 'The token\'s "exp" claim is missing or not accepted.'],
      ['unknown sub', bearer(await tokenFor('NOBODY')), 'The token names a person who is not in the directory.'],
    ];
    for (const [name, headers, detail] of cases) {
      const response = await app.inject({ method: 'GET', url: tasks, headers });
      assert.equal(response.statusCode, 401, name);
      assert.equal(response.headers['content-type'], PROBLEM_JSON, name);
      assert.equal(response.headers['www-authenticate'], 'Bearer', name);
      assert.deepEqual(response.json(), { status: 401, title: 'Unauthorized', detail, code: 'unauthorized' }, name);
    }
  });

  test('a token that verified is accepted again until its exp, then refused as expired', async () => {
    // exp is in whole seconds: two to three seconds from now
    const exp = Math.floor(Date.now() / 1000) + 3;
    const token = await tokenFor('S1', { exp });
    assert.equal((await get(tasks, bearer(token))).statusCode, 200);
    assert.equal((await get(tasks, bearer(token))).statusCode, 200, 'the kept verification');
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 100));
    const late = await get(tasks, bearer(token));
    assert.equal(late.statusCode, 401);
    assert.equal(late.json<{ detail: string }>().detail, 'The token has expired.');
  });

  test('a kept token names a person: once they leave the directory it is refused (401) though it verified and has not expired', async () => {
    const token = await tokenFor('S1');
    assert.equal((await get(tasks, bearer(token))).statusCode, 200);
    assert.equal((await get(tasks, bearer(token))).statusCode, 200, 'the kept verification');
    const without = await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people: people.filter((person) => person.id !== 'S1') } });
    assert.equal(without.statusCode, 200, without.body);
    try {
      const gone = await get(tasks, bearer(token));
      assert.equal(gone.statusCode, 401);
      assert.equal(gone.json<{ detail: string }>().detail, 'The token names a person who is not in the directory.');
    } finally {
      assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people } })).statusCode, 200);
    }
    // back in the directory, the same token reads again
    assert.equal((await get(tasks, bearer(token))).statusCode, 200);
  });

  test('alg "none" and an HS256 token whose signature was stripped are refused', async () => {
    const good = await tokenFor('S1');
    const [, payload] = good.split('.');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    assert.equal((await get(tasks, bearer(none))).statusCode, 401);
    assert.equal((await get(tasks, bearer(good.slice(0, good.lastIndexOf('.') + 1)))).statusCode, 401);
  });

  test('a person\'s token gets their directory entry; the service token is not a person', async () => {
    const me = await get('/api/v1/me', bearer(await tokenFor('S1')));
    assert.equal(me.statusCode, 200);
    assert.deepEqual(me.json(), { id: 'S1', name: 'Salesperson north', roles: ['salesperson'], region: 'north', managerId: 'R1' });
    const asService = await get('/api/v1/me', service);
    assert.equal(asService.statusCode, 403);
    assert.equal(asService.json().code, 'personOnly');
  });

  test('the directory takes the service token only: a person gets 403, nobody 401', async () => {
    const body = { people };
    const asPerson = await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: bearer(await tokenFor('H1')), payload: body });
    assert.equal(asPerson.statusCode, 403);
    assert.equal(asPerson.json().code, 'serviceOnly');
    assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', payload: body })).statusCode, 401);
    assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: bearer(`${SERVICE_TOKEN}x`), payload: body })).statusCode, 401);
  });

  test('iss and aud are checked when the server is configured with them', async () => {
    const strict = await testApp(db, { auth: { jwtSecret: JWT_SECRET, serviceToken: SERVICE_TOKEN, issuer: 'https://oa.example', audience: 'kaohe' } });
    try {
      const url = '/api/v1/directory';
      const right = await tokenFor('S1', { iss: 'https://oa.example', aud: 'kaohe' });
      const wrongIssuer = await tokenFor('S1', { iss: 'https://evil.example', aud: 'kaohe' });
      const noAudience = await tokenFor('S1', { iss: 'https://oa.example' });
      // a person's valid token on the service's route: past authentication, refused by access (403)
      assert.equal((await strict.inject({ method: 'PUT', url, headers: bearer(right), payload: { people } })).statusCode, 403);
      assert.equal((await strict.inject({ method: 'PUT', url, headers: bearer(wrongIssuer), payload: { people } })).json().detail, 'The token\'s "iss" claim is missing or not accepted.');
      assert.equal((await strict.inject({ method: 'PUT', url, headers: bearer(noAudience), payload: { people } })).json().detail, 'The token\'s "aud" claim is missing or not accepted.');
    } finally {
      await strict.close();
    }
  });
});

describe('the directory', () => {
  test('a directory with a duplicate id, an unknown manager and a loop of managers is refused with every problem, and nothing is replaced', async () => {
    const response = await app.inject({
      method: 'PUT', url: '/api/v1/directory', headers: service, payload: {
        people: [
          { id: 'A', name: 'A', roles: [], managerId: 'B' },
          { id: 'B', name: 'B', roles: [], managerId: 'A' },
          { id: 'A', name: 'A again', roles: [] },
          { id: 'C', name: 'C', roles: [], managerId: 'GONE' },
        ],
      },
    });
    assert.equal(response.statusCode, 422);
    assert.equal(response.headers['content-type'], PROBLEM_JSON);
    assert.deepEqual(response.json(), {
      status: 422,
      title: 'Unprocessable Entity',
      detail: 'The directory was not replaced: 3 problems, each listed.',
      code: 'invalid',
      problems: [
        { path: 'people[2].id', rule: 'unique-id', message: '"A" is already the id of people[0]' },
        { path: 'people[3].managerId', rule: 'unknown-manager', message: '"GONE" is not in the directory' },
        { path: 'people[0].managerId', rule: 'manager-cycle', message: 'managers go round in a loop: A → B → A' },
      ],
    });
    assert.deepEqual((await db.directory.load()).people.map((p) => p.id), ['H1', 'R1', 'S1']);
  });

  test('a malformed directory gets 422 naming each field and its schema rule', async () => {
    const response = await app.inject({
      method: 'PUT', url: '/api/v1/directory', headers: service,
      payload: { people: [{ id: '', name: 'x'.repeat(201), roles: 'hr', extra: 1 }] },
    });
    assert.equal(response.statusCode, 422);
    const problems = response.json().problems.map((p: { path: string; rule: string }) => `${p.path} ${p.rule}`);
    assert.deepEqual(problems.sort(), [
      'body.people[0].id too_small',
      'body.people[0].name too_big',
      'body.people[0].roles invalid_type',
      'body.people[0] unrecognized_keys',
    ].sort());
  });
});

describe('limits and errors', () => {
  test('a body over 1 MB gets 413 before anything reads it', async () => {
    const response = await app.inject({
      method: 'PUT', url: '/api/v1/directory', headers: { ...bearer(await tokenFor('H1')), 'content-type': 'application/json' },
      payload: JSON.stringify({ people: [{ id: 'X', name: 'n', roles: [], region: 'x'.repeat(2 * 1_048_576) }] }),
    });
    // a person is refused the directory before the body is read (403); the service token reaches the 413
    assert.equal(response.statusCode, 403);
    const big = await app.inject({
      method: 'POST', url: '/api/v1/events', headers: { ...bearer(await tokenFor('S1')), 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(2 * 1_048_576) }),
    });
    assert.equal(big.statusCode, 413);
    assert.deepEqual(big.json(), { status: 413, title: 'Payload Too Large', detail: 'The request body is larger than 1 MB.', code: 'tooLarge' });
  });

  test('malformed JSON is a 400 problem that does not echo the body', async () => {
    const response = await app.inject({ method: 'PUT', url: '/api/v1/directory', headers: { ...service, 'content-type': 'application/json' }, payload: '{"people": [secret' });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().code, 'malformed');
    assert.ok(!response.body.includes('secret'));
  });

  test('an unknown route is a 404 problem', async () => {
    const response = await get('/api/v1/nothing-here');
    assert.equal(response.statusCode, 404);
    assert.deepEqual(response.json(), { status: 404, title: 'Not Found', detail: 'No route GET /api/v1/nothing-here.', code: 'noRoute' });
  });

  test('a person over the rate limit gets 429 with Retry-After, and another person is not held back', async () => {
    const limited = await testApp(db, { rateLimit: { max: 3, windowMs: 60_000 } });
    try {
      const s1 = bearer(await tokenFor('S1'));
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await limited.inject({ method: 'GET', url: '/api/v1/me', headers: s1 })).statusCode);
      assert.deepEqual(statuses, [200, 200, 200]);
      const refused = await limited.inject({ method: 'GET', url: '/api/v1/me', headers: s1 });
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.headers['content-type'], PROBLEM_JSON);
      const retryAfter = Number(refused.headers['retry-after']);
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
      assert.equal(refused.json().code, 'rateLimited');
      const r1 = await limited.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(await tokenFor('R1')) });
      assert.equal(r1.statusCode, 200, 'R1 has a budget of their own');
      assert.equal((await limited.inject({ method: 'GET', url: '/api/v1/health' })).statusCode, 200, 'health is never limited');
    } finally {
      await limited.close();
    }
  });
});

describe('CORS', () => {
  test('no CORS headers unless origins are configured; then only for those origins, never with credentials', async () => {
    const preflight = (target: KaoheApp, origin: string) => target.inject({
      method: 'OPTIONS', url: '/api/v1/health', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    assert.equal((await get('/api/v1/health', { origin: 'https://oa.example' })).headers['access-control-allow-origin'], undefined);
    const open = await testApp(db, { corsOrigins: ['https://oa.example'] });
    try {
      const allowed = await preflight(open, 'https://oa.example');
      assert.equal(allowed.statusCode, 204);
      assert.equal(allowed.headers['access-control-allow-origin'], 'https://oa.example');
      assert.match(String(allowed.headers['access-control-allow-headers']), /Authorization/);
      assert.equal(allowed.headers['access-control-allow-credentials'], undefined);
      const other = await preflight(open, 'https://evil.example');
      assert.equal(other.headers['access-control-allow-origin'], undefined);
    } finally {
      await open.close();
    }
  });
});

describe('logs', () => {
  test('one JSON line per request, naming the caller by id, with no token, no secret and no body', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _encoding, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
    const logged = await testApp(db, { logger: { level: 'info', stream: sink } });
    try {
      const token = await tokenFor('S1');
      await logged.inject({ method: 'GET', url: '/api/v1/health', headers: bearer(token) });
      await logged.inject({ method: 'PUT', url: '/api/v1/directory', headers: service, payload: { people } });
      await logged.inject({ method: 'PUT', url: '/api/v1/directory', headers: bearer(token), payload: { people: [{ id: 'Q', name: 'secret-name-in-body', roles: [] }] } });
      const requests = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');
      assert.deepEqual(requests.map((r) => [r.method, r.url, r.status, r.caller]), [
        ['GET', '/api/v1/health', 200, null],
        ['PUT', '/api/v1/directory', 200, 'service'],
        ['PUT', '/api/v1/directory', 403, 'S1'],
      ]);
      const all = lines.join('\n');
      for (const secret of [token, SERVICE_TOKEN, JWT_SECRET, 'secret-name-in-body', 'Bearer']) assert.ok(!all.includes(secret), `the log holds ${secret.slice(0, 12)}…`);
    } finally {
      await logged.close();
    }
  });
});
