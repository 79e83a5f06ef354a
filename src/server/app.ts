import { createHash, timingSafeEqual } from 'node:crypto';
import cors from '@fastify/cors';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { isSaplingError } from '../core/util/errors';
import { DEFAULT_MAX_BODY } from './flags';
import { Metrics } from './metrics';
import type { LogLine, ModelStore } from './modelStore';
import { type ServerMonitorSettings, Monitoring } from './monitoring';
import { ROUTES, WARNING_HEADER, registerRoutes, routeLabel } from './routes';

/** What a server is made of; `createServer` puts it together. */
export interface ServerOptions {
  /** The models to serve (followed for changes when its `watch()` was called). */
  readonly models: ModelStore;
  /** When set, every route but the health probes needs `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Largest request body in bytes (default 10 MB); larger ones get 413. */
  readonly maxBody?: number;
  /** An origin allowed to call from a browser (`*` for any); absent = no CORS headers. */
  readonly cors?: string;
  /** Where unexpected errors are logged. */
  readonly log?: LogLine;
  /** With --monitor: keep a rolling window per model, answer GET /v2/models/{name}/monitor and add drift gauges to /metrics. */
  readonly monitor?: ServerMonitorSettings;
}

/** Methods answered with 405 on a known route that does not take them. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

/**
 * The prediction server, not yet listening: fastify with the routes of `routes.ts`, the bearer
 * token check, CORS, body limits and content types, metrics, and errors as `{"error": "…"}` (4xx
 * for anything a client did, 500 with a generic message, logged, for anything else).
 */
export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const log = options.log ?? ((line: string) => console.error(line));
  const app = Fastify({
    logger: false,
    bodyLimit: options.maxBody ?? DEFAULT_MAX_BODY,
    // Types are checked, never coerced: `"instances": {}` is an error, not a one-row array.
    ajv: { customOptions: { coerceTypes: false, allErrors: false } },
    // On close, idle keep-alive connections are closed at once; requests in flight finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // A `__proto__` key is kept as an ordinary key (a model may have a column of that name): rows
    // are only ever read through their own properties, and V2 rows are built without a prototype.
    onProtoPoisoning: 'ignore',
    frameworkErrors: (error, _request, reply) => {
      void (reply as FastifyReply).code(400).send({ error: `bad request: ${error.message}` });
    },
  });
  const metrics = new Metrics();

  if (options.cors) {
    await app.register(cors, {
      origin: options.cors,
      methods: ['GET', 'POST'],
      allowedHeaders: ['Authorization', 'Content-Type'],
      exposedHeaders: ['Content-Type', WARNING_HEADER],
      maxAge: 600,
    });
  }

  app.addHook('onRequest', (request, reply, done) => {
    (request as TimedRequest).startedAt = performance.now();
    if (options.token !== undefined && request.method !== 'OPTIONS' && !request.url.startsWith('/v2/health/') && !authorized(request, options.token)) {
      void reply.code(401).header('WWW-Authenticate', 'Bearer').send({ error: request.headers.authorization ? 'the bearer token is wrong' : 'this server needs "Authorization: Bearer <token>"' });
      return;
    }
    done();
  });
  // A keep-alive connection whose request was in flight at close would stay open until the client
  // drops it (seconds); answering it with `Connection: close` lets the server stop right after.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('Connection', 'close');
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ? routeLabel(request.routeOptions.url) : 'unmatched';
    metrics.request(route, request.method, reply.statusCode, (performance.now() - (request as TimedRequest).startedAt) / 1000);
    done();
  });

  // JSON (fastify's own parser) and CSV; anything else is 415.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) return reply.code(400).send({ error: `the request body is not valid: ${error.message}` });
    const status = error.statusCode;
    if (isSaplingError(error as unknown)) {
      // A model whose file predicts NaN is the file's fault, not the request's.
      if (error.code === 'bad-prediction') return internal(error, request, reply, log);
      return reply.code(status ?? 400).send({ error: error.message });
    }
    if (status === undefined) return internal(error, request, reply, log);
    if (status >= 400 && status < 500) return reply.code(status).send({ error: clientMessage(error) });
    return internal(error, request, reply, log);
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}` }));

  const monitoring = options.monitor ? new Monitoring(options.models, options.monitor, log) : undefined;
  registerRoutes(app, { models: options.models, metrics, monitoring, secured: options.token !== undefined });
  for (const route of ROUTES) {
    const taken = new Set<string>([route.method, ...(route.method === 'GET' ? ['HEAD'] : [])]);
    const others = [...METHODS, ...(options.cors ? [] : ['OPTIONS' as const])].filter((m) => !taken.has(m));
    app.route({
      method: others,
      url: route.url,
      handler: (_request, reply) => reply.code(405).header('Allow', [...taken].join(', ')).send({ error: `${routeLabel(route.url)} takes ${route.method} only` }),
    });
  }
  return app;
}

interface TimedRequest extends FastifyRequest {
  startedAt: number;
}

/** Whether the request carries the token, compared in constant time (over digests, so lengths leak nothing). */
function authorized(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const m = /^Bearer\s+(.+)$/i.exec(header);
  if (!m) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m[1].trim()), digest(token));
}

/** fastify's message for a client error, made readable where it is terse. */
function clientMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `the request body is larger than this server takes (--max-body)`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `unsupported content type: send application/json (or text/csv to the :predict route)`;
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return `the request body is not valid JSON: ${error.message}`;
    default:
      return error.message;
  }
}

/** A 500 with a generic message; the error itself goes to the log, never to the client. */
function internal(error: Error, request: FastifyRequest, reply: FastifyReply, log: LogLine): FastifyReply {
  log(`error: ${request.method} ${request.url}: ${error.stack ?? error.message}`);
  return reply.code(500).send({ error: 'internal error: the server could not answer this request (see its log)' });
}
