/**
 * One predict route on one HTTP framework, for `npm run bench -- frameworks` (how `sapling serve`'s
 * framework was chosen): the same handler (`{"instances": [rows]}` → `{"predictions": […]}` from
 * the prediction runtime) on plain node:http, fastify or hono, each parsing the JSON body its own way.
 *
 * usage: tsx bench/frameworkServer.ts node|fastify|hono <model.json> <port>
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { serve } from '@hono/node-server';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { type InputRow, type SaplingModel, loadModel } from '../src/runtime';

/** The frameworks measured, by the name given on the command line (bench/frameworks.ts lists the same). */
const FRAMEWORKS = ['node', 'fastify', 'hono'] as const;
type Framework = (typeof FRAMEWORKS)[number];

const PREDICT_PATH = '/v1/models/m:predict';
const READY_PATH = '/v2/health/ready';

/** The handler every framework calls: a status and a JSON-able answer for a parsed body. */
function predict(model: SaplingModel, body: unknown): { status: number; json: unknown } {
  const instances = (body as { instances?: unknown } | null)?.instances;
  if (!Array.isArray(instances) || instances.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) return { status: 400, json: { error: '"instances" must be an array of row objects' } };
  try {
    return { status: 200, json: { predictions: model.predict(instances as InputRow[]) } };
  } catch (e) {
    return { status: 400, json: { error: (e as Error).message } };
  }
}

function nodeHttp(model: SaplingModel, port: number): void {
  createServer((req, res) => {
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(json));
    };
    if (req.method === 'GET' && req.url === READY_PATH) return send(200, { ready: true });
    if (req.method !== 'POST' || req.url !== PREDICT_PATH) return send(404, { error: 'not found' });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(400, { error: 'not JSON' });
      }
      const { status, json } = predict(model, body);
      send(status, json);
    });
  }).listen(port, '127.0.0.1');
}

async function fastify(model: SaplingModel, port: number): Promise<void> {
  const app = Fastify({ logger: false });
  app.get(READY_PATH, async () => ({ ready: true }));
  // `::` is a literal colon in a fastify path.
  app.post(PREDICT_PATH.replace(':', '::'), async (request, reply) => {
    const { status, json } = predict(model, request.body);
    return reply.code(status).send(json);
  });
  await app.listen({ port, host: '127.0.0.1' });
}

function hono(model: SaplingModel, port: number): void {
  const app = new Hono();
  app.get(READY_PATH, (c) => c.json({ ready: true }));
  app.post('/v1/models/:call', async (c) => {
    if (c.req.param('call') !== 'm:predict') return c.json({ error: 'not found' }, 404);
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'not JSON' }, 400);
    }
    const { status, json } = predict(model, body);
    return c.json(json, status as 200 | 400);
  });
  serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
}

const [framework, modelPath, portText] = process.argv.slice(2);
if (!FRAMEWORKS.includes(framework as Framework)) throw new Error(`unknown framework "${framework}" (known: ${FRAMEWORKS.join(', ')})`);
const model = await loadModel(readFileSync(modelPath, 'utf8'));
const port = Number(portText);
if (framework === 'node') nodeHttp(model, port);
else if (framework === 'fastify') await fastify(model, port);
else hono(model, port);
