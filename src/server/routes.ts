import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SAPLING_VERSION } from '../core/artifact/modelFile';
import { SaplingError } from '../core/util/errors';
import type { InputRow, OutputRow } from '../runtime';
import { predictCsv } from './csv';
import type { Metrics } from './metrics';
import type { ModelStore, ServedModel } from './modelStore';
import { monitorMetricsText } from './monitorMetrics';
import type { Monitoring } from './monitoring';
import { openApiDocument } from './openapi';
import { DATATYPES, type RequestInput, outputsFromRows, rowsFromInputs, tensorMetadata } from './tensors';

const PREDICT_URL = '/v1/models/:name(^.+)::predict';

/** A route's pattern as people write it (`/v1/models/{name}:predict`), for metrics and messages. */
export function routeLabel(url: string): string {
  return url.replace(/:name(\(\^\.\+\))?/g, '{name}').replace(/::/g, ':');
}

/** The server's routes (fastify patterns); every other method on them is answered 405. */
export const ROUTES = [
  { method: 'GET', url: '/v2/health/live' },
  { method: 'GET', url: '/v2/health/ready' },
  { method: 'GET', url: '/v2' },
  { method: 'GET', url: '/v2/models/:name' },
  { method: 'GET', url: '/v2/models/:name/ready' },
  { method: 'POST', url: '/v2/models/:name/infer' },
  // `::` is a literal colon in fastify's router: the TF Serving verb after the model name. The
  // parameter needs a pattern, or the router takes `name::predict` for the parameter's name.
  { method: 'POST', url: PREDICT_URL },
  { method: 'GET', url: '/v2/models/:name/monitor' },
  { method: 'GET', url: '/metrics' },
  { method: 'GET', url: '/openapi.json' },
] as const;

/** What the routes read: the models, the counters, the windows of --monitor (absent without it), and whether a token guards them (for the OpenAPI document). */
export interface RouteContext {
  readonly models: ModelStore;
  readonly metrics: Metrics;
  readonly monitoring?: Monitoring;
  readonly secured: boolean;
}

/** An Open Inference Protocol inference request body. */
interface InferBody {
  readonly id?: string;
  readonly inputs: readonly RequestInput[];
  readonly outputs?: readonly { readonly name: string }[];
}

/** The inference request's JSON schema, checked by fastify (ajv) before the handler runs. */
const INFER_SCHEMA = {
  type: 'object',
  required: ['inputs'],
  properties: {
    id: { type: 'string' },
    parameters: { type: 'object' },
    inputs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'shape', 'datatype', 'data'],
        properties: {
          name: { type: 'string' },
          shape: { type: 'array', items: { type: 'integer', minimum: 0 } },
          datatype: { type: 'string', enum: [...DATATYPES] },
          data: { type: 'array' },
          parameters: { type: 'object' },
        },
      },
    },
    outputs: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
  },
} as const;

/** Adds the routes: Open Inference Protocol (V2), TF Serving's predict, metrics and the OpenAPI document. */
export function registerRoutes(app: FastifyInstance, context: RouteContext): void {
  const { models, metrics, monitoring } = context;
  /** Counts rows a model predicted and, with --monitor, adds them to its window. */
  const predicted = (served: ServedModel, inputs: readonly InputRow[], rows: readonly OutputRow[]) => {
    metrics.predicted(served.name, rows, served.model.classes.length > 0);
    monitoring?.record(served, inputs, rows);
  };
  /** The model `name` as it is now: a request keeps the one it got even if the file is swapped meanwhile. */
  const lookUp = (name: string): ServedModel => {
    const s = models.get(name);
    if (!s) {
      const names = models.names();
      throw Object.assign(new SaplingError('unknown-model', `no model "${name}" here (${names.length ? `serving ${names.map((n) => `"${n}"`).join(', ')}` : 'no models are loaded'})`), { statusCode: 404 });
    }
    return s;
  };

  app.get('/v2/health/live', async () => ({ live: true }));
  app.get('/v2/health/ready', async (_request, reply) => {
    const ready = models.names().length > 0;
    return reply.code(ready ? 200 : 503).send({ ready });
  });
  app.get('/v2', async () => ({ name: 'sapling', version: SAPLING_VERSION, extensions: [] }));

  app.get<{ Params: { name: string } }>('/v2/models/:name', async (request) => {
    const { name, model, version } = lookUp(request.params.name);
    return { name, versions: [version], platform: `sapling-${model.family}`, ...tensorMetadata(model) };
  });
  app.get<{ Params: { name: string } }>('/v2/models/:name/ready', async (request) => ({ name: lookUp(request.params.name).name, ready: true }));

  app.post<{ Params: { name: string }; Body: InferBody }>(
    '/v2/models/:name/infer',
    {
      schema: { body: INFER_SCHEMA },
      preValidation: (request, reply, done) => {
        if (Buffer.isBuffer(request.body)) void unsupported(reply, 'the infer route takes application/json (send CSV to /v1/models/{name}:predict)');
        else done();
      },
    },
    async (request) => {
      const served = lookUp(request.params.name);
      const { name, model, version } = served;
      const body = request.body;
      const inputs = rowsFromInputs(model, body.inputs);
      const rows = model.predict(inputs);
      const outputs = outputsFromRows(model, rows, body.outputs?.map((o) => o.name));
      predicted(served, inputs, rows);
      return { id: body.id ?? randomUUID(), model_name: name, model_version: version, outputs };
    },
  );

  app.post<{ Params: { name: string } }>(PREDICT_URL, async (request, reply) => {
    const served = lookUp(request.params.name);
    const { model } = served;
    if (Buffer.isBuffer(request.body)) {
      const { csv, inputs, rows, warnings } = await predictCsv(model, request.body);
      predicted(served, inputs, rows);
      // What `sapling predict` prints on stderr (a ragged row dropped, a cell read as missing), so a
      // client getting fewer rows back can see why: one header per warning, as a JSON string (ASCII).
      if (warnings.length) void reply.header(WARNING_HEADER, warnings.slice(0, 20).map(asciiJson));
      return reply.type('text/csv; charset=utf-8').send(csv);
    }
    const inputs = instancesOf(request.body);
    const rows = model.predict(inputs);
    predicted(served, inputs, rows);
    return { predictions: rows };
  });

  // 409 when there is nothing to report (monitoring off, no reference in the file, too few rows):
  // the request is right, the server's state is what stands in the way.
  app.get<{ Params: { name: string } }>('/v2/models/:name/monitor', async (request) => {
    const served = lookUp(request.params.name);
    if (!monitoring) throw Object.assign(new SaplingError('monitoring-off', 'monitoring is off: start the server with --monitor (and --monitor-window N for the rows kept per model)'), { statusCode: 409 });
    return monitoring.report(served);
  });

  app.get('/metrics', async (_request, reply) => {
    const more = monitoring ? monitorMetricsText(await monitoring.gauges()) : '';
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.text(models.names().length, more));
  });
  app.get('/openapi.json', async () => openApiDocument(models.all(), SAPLING_VERSION, context.secured));
}

/** The rows of a TF Serving `{"instances": [row objects]}` body. */
function instancesOf(body: unknown): InputRow[] {
  const instances = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { instances?: unknown }).instances : undefined;
  if (!Array.isArray(instances)) {
    throw new SaplingError('bad-request', 'the body must be {"instances": [row objects]} (JSON), or a CSV with Content-Type: text/csv');
  }
  return instances as InputRow[];
}

function unsupported(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(415).send({ error: message });
}

/** The response header that carries the CSV reader's warnings. */
export const WARNING_HEADER = 'Sapling-Warning';

/** A string as a JSON literal with every non-ASCII character escaped (a header value is ASCII). */
function asciiJson(text: string): string {
  return JSON.stringify(text).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
