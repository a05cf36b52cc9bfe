// The Fastify application: the cross-cutting plugins (one error mapper, authentication, rate limits,
// CORS, the OpenAPI document, one log line per request) and the routes under /api/v1. Nothing here
// decides a rule: routes authenticate, parse with zod, call the service and map its refusal.
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import type { KaoheDatabase } from '../db/index.ts';
import { assertAccess, createAuthenticator, type Access, type AuthSettings, type Caller } from './auth.ts';
import { createService } from '@kaohe/service';
import { chainPresets, timeZoneOf, type WorkCalendar } from '@kaohe/workflow';
import { hrReads } from '@kaohe/service/hr';
import { checkCatalogue, presetCatalogue, storeCatalogue, type Catalogue } from '../catalogue.ts';
import { directoryCache } from './directory-cache.ts';
import { EventStreams } from './events.ts';
import { serviceNoticeFilter } from './notices.ts';
import { appraisalRoutes } from './routes/appraisals.ts';
import { auditRoutes } from './routes/audit.ts';
import { bundleRoutes } from './routes/bundles.ts';
import { clientReadRoutes } from './routes/client-reads.ts';
import { rubricRoutes } from './routes/rubrics.ts';
import { draftRoutes } from './routes/drafts.ts';
import { hrRoutes } from './routes/hr.ts';
import { payslipRoutes } from './routes/payslip.ts';
import { HttpProblem, errorHandler, notFoundHandler } from './problem.ts';
import { directoryRoutes } from './routes/directory.ts';
import { eventRoutes } from './routes/events.ts';
import { healthRoutes } from './routes/health.ts';
import { meRoutes } from './routes/me.ts';
import { routeJsonSchema, validatorCompiler, type ZodTypeProvider } from './zod.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** set by the authentication hook before any handler runs; null only on public routes */
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** who the route is for; a route without it is for a signed-in person */
    access?: Access;
  }
}

export type KaoheApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export const API_PREFIX = '/api/v1';
/** RFC 9457 bodies and JSON bodies alike: 1 MB (the directory route alone takes more, behind the service token). */
export const BODY_LIMIT = 1_048_576;

export interface AppOptions {
  db: KaoheDatabase;
  auth: AuthSettings;
  /** origins allowed to call from a browser (KAOHE_CORS_ORIGINS); none: no CORS headers at all */
  corsOrigins?: readonly string[];
  /** requests a person (or the service token, or an address without a token) may make per window; default 600 a minute */
  rateLimit?: { max: number; windowMs: number };
  /** pino options or false; the default logs one JSON line per request at info */
  logger?: FastifyServerOptions['logger'];
  /** the SSE heartbeat period (default 15 s) */
  heartbeatMs?: number;
  /** rubrics, chains' assignments and pay plans; default the presets of domain/rules.md */
  catalogue?: Catalogue;
  /** the time every action and read is judged at (tests); default the system clock */
  clock?: () => string;
  /** the company's calendar (its IANA `timeZone`, KAOHE_TIME_ZONE): business days are judged on it; default UTC */
  calendar?: WorkCalendar;
  /** the plugin's built bundles (packages/embed/dist), served at /kaohe/ precompressed; none: not served */
  bundles?: string;
}

/**
 * Fastify's default is two lines per request carrying the raw request; ours is one line, written when
 * the response is done: what, who (the directory id, never the token), how it ended, how long. Never a
 * header, never a body, so no token and no score reaches the log.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    const caller = request.caller;
    reply.log[error ? 'error' : 'info']({
      method: request.method,
      route: request.routeOptions.url ?? null,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      caller: caller === null ? null : caller.kind === 'person' ? caller.id : 'service',
    }, 'request');
  }
}

export async function buildApp(options: AppOptions): Promise<KaoheApp> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    logger: options.logger ?? {
      level: 'info',
      // Nothing below logs headers or bodies; this is the belt to those braces.
      redact: { paths: ['req.headers.authorization', 'headers.authorization', 'authorization'], censor: '[redacted]' },
    },
    logController: new OneLinePerRequest(),
    // Long ids in paths are fine; a query string is never parsed into nested objects.
    routerOptions: { maxParamLength: 256 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // Responses are plain JSON.stringify: fast-json-stringify would need JSON Schemas, and the service's outputs are already shaped.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);

  const { db } = options;
  const catalogue = options.catalogue ?? presetCatalogue();
  await checkCatalogue(catalogue, db.store);
  await storeCatalogue(db.store, catalogue);
  const directory = await directoryCache(db);
  app.addHook('onClose', async () => directory.close());
  const service = createService({
    store: db.store,
    directory: directory.load,
    assignments: catalogue.assignments,
    payPlans: catalogue.payPlans,
    ...(catalogue.payValues ? { payValues: catalogue.payValues } : {}),
    ...(catalogue.chains ? { chains: { ...chainPresets, ...catalogue.chains } } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.calendar ? { calendar: options.calendar } : {}),
    // tasks pages and live-notice checks read the same views again and again; kept per directory
    // snapshot, record revision, viewer and day, so what another instance wrote is never served stale
    cacheViews: true,
  });

  const authenticate = createAuthenticator(options.auth, directory.person);
  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (request) => {
    // A preflight carries no credentials (CORS answers it); an unknown route answers 404 to everyone.
    if (request.is404 || request.method === 'OPTIONS') return;
    const access = request.routeOptions.config.access ?? 'person';
    if (access === 'anyone') return;
    request.caller = await authenticate(request.headers.authorization);
    assertAccess(request.caller, access);
  });

  if (options.corsOrigins && options.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: [...options.corsOrigins],
      methods: ['GET', 'PUT', 'POST', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type'],
      exposedHeaders: ['Retry-After'],
      credentials: false,
      maxAge: 600,
    });
  }

  const limit = options.rateLimit ?? { max: 600, windowMs: 60_000 };
  await app.register(rateLimit, {
    global: true,
    max: limit.max,
    timeWindow: limit.windowMs,
    // After authentication (onRequest), before the body is read: a flood costs no parsing.
    hook: 'preParsing',
    // Keyed by the verified person, so people behind one proxy address do not share a budget.
    keyGenerator: (request) => {
      const caller = request.caller;
      return caller === null ? `address:${request.ip}` : caller.kind === 'person' ? `person:${caller.id}` : 'service';
    },
    errorResponseBuilder: (_request, context) => new HttpProblem(429, `Too many requests: at most ${context.max} in ${context.after}. Try again after the Retry-After seconds.`, {
      code: 'rateLimited',
      headers: { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) },
    }),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Kaohe 考核', version: '1.0.0', description: 'The Kaohe server: appraisals, review chains and HR reads for a person the intranet signed in.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: routeJsonSchema as never,
  });

  const streams = new EventStreams(serviceNoticeFilter(service), {
    ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
    onError: (error) => app.log.error({ err: error }, 'live notice failed'),
  });
  await streams.start(db);
  // preClose runs before the server stops listening for good: open streams end first, or close would wait on them forever.
  app.addHook('preClose', async () => streams.close());

  if (options.bundles !== undefined) await bundleRoutes(app, options.bundles);
  await app.register(async (api: KaoheApp) => {
    await healthRoutes(api, db);
    api.get('/openapi.json', { config: { access: 'anyone', rateLimit: false }, schema: { hide: true } }, async () => app.swagger());
    await meRoutes(api);
    await directoryRoutes(api, db, directory);
    await appraisalRoutes(api, service);
    await draftRoutes(api, service);
    await clientReadRoutes(api, service, directory, {
      assignments: catalogue.assignments, chains: { ...chainPresets, ...catalogue.chains },
      now: options.clock ?? (() => new Date().toISOString()), timeZone: timeZoneOf(options.calendar),
    });
    await rubricRoutes(api, db.store, directory);
    await hrRoutes(api, hrReads(service));
    await payslipRoutes(api, service);
    await auditRoutes(api, db, directory);
    await eventRoutes(api, streams);
  }, { prefix: API_PREFIX });

  await app.ready();
  return app;
}
