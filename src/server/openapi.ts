import type { ColumnKind } from '../core/table/column';
import type { ServedModel } from './modelStore';
import { DATATYPES, outputDatatype } from './tensors';

/** The OpenAPI 3.0 document of a server: its routes, with each served model's input and output columns. */
export function openApiDocument(models: readonly ServedModel[], version: string, secured: boolean): object {
  const error = { description: 'An error, said in one line', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  const paths: Record<string, object> = {
    '/v2/health/live': { get: { summary: 'Liveness (Open Inference Protocol)', security: [], responses: { 200: json({ type: 'object', properties: { live: { type: 'boolean' } } }) } } },
    '/v2/health/ready': { get: { summary: 'Readiness: true when at least one model is loaded', security: [], responses: { 200: json({ type: 'object', properties: { ready: { type: 'boolean' } } }), 503: error } } },
    '/v2': { get: { summary: 'Server metadata', responses: { 200: json({ type: 'object', properties: { name: { type: 'string' }, version: { type: 'string' }, extensions: { type: 'array', items: { type: 'string' } } } }) } } },
    '/metrics': { get: { summary: 'Prometheus metrics', responses: { 200: { description: 'Prometheus text format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } } } } },
  };
  const schemas: Record<string, object> = {
    Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
    InferenceRequest: {
      type: 'object',
      required: ['inputs'],
      properties: {
        id: { type: 'string' },
        inputs: { type: 'array', items: { $ref: '#/components/schemas/RequestInput' } },
        outputs: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
      },
    },
    RequestInput: {
      type: 'object',
      required: ['name', 'shape', 'datatype', 'data'],
      properties: { name: { type: 'string' }, shape: { type: 'array', items: { type: 'integer' } }, datatype: { type: 'string', enum: [...DATATYPES] }, data: { type: 'array', items: {} } },
    },
    InferenceResponse: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        model_name: { type: 'string' },
        model_version: { type: 'string' },
        outputs: { type: 'array', items: { $ref: '#/components/schemas/ResponseOutput' } },
      },
    },
    MonitorReport: {
      type: 'object',
      description: 'The report `sapling monitor --out` writes (README "Monitoring"): data-set drift, drift per column, prediction drift, estimated performance',
      required: ['format', 'version', 'dataset_drift', 'drift_share', 'columns', 'prediction', 'performance', 'summary', 'alerts'],
      properties: {
        format: { type: 'string', enum: ['sapling-monitor-report'] },
        version: { type: 'integer' },
        current: { type: 'object', properties: { rows: { type: 'integer' } } },
        dataset_drift: { type: 'boolean' },
        drift_share: { type: 'number' },
        columns: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              column: { type: 'string' },
              test: { type: 'string', enum: ['ks', 'chi2', 'wasserstein', 'jensen-shannon'] },
              statistic: { type: 'number' },
              p_value: { type: 'number', nullable: true },
              threshold: { type: 'number' },
              drifted: { type: 'boolean' },
              psi: { type: 'number' },
            },
          },
        },
        prediction: { type: 'object' },
        performance: { type: 'object', nullable: true },
        summary: { type: 'string' },
        alerts: { type: 'array', items: { type: 'string' } },
      },
    },
    ResponseOutput: {
      type: 'object',
      properties: { name: { type: 'string' }, shape: { type: 'array', items: { type: 'integer' } }, datatype: { type: 'string' }, data: { type: 'array', items: {} } },
    },
  };
  const ids = new Set<string>();
  for (const { name, model } of models) {
    // Schema ids allow only [A-Za-z0-9._-]: `a b` and `a_b` would both be `model_a_b`, so a
    // later one gets a number rather than replacing the first one's schemas.
    const base = `model_${name.replace(/[^A-Za-z0-9._-]/g, '_')}`;
    let id = base;
    for (let k = 2; ids.has(id); k++) id = `${base}_${k}`;
    ids.add(id);
    const segment = encodeURIComponent(name);
    schemas[`${id}_row`] = {
      type: 'object',
      description: `A row for ${name} (${model.family}, ${model.task}): one value per input column; null or "NA" is a missing value`,
      required: model.inputSchema.map((c) => c.name),
      properties: Object.fromEntries(model.inputSchema.map((c) => [c.name, columnSchema(c.kind)])),
    };
    schemas[`${id}_prediction`] = {
      type: 'object',
      properties: Object.fromEntries(model.outputColumns.map((c) => [c, outputDatatype(model, c) === 'BYTES' ? { type: 'string', enum: [...model.classes] } : outputDatatype(model, c) === 'INT64' ? { type: 'integer' } : { type: 'number' }])),
    };
    paths[`/v2/models/${segment}`] = { get: { summary: `Metadata of ${name}: its input and output tensors`, responses: { 200: json({ type: 'object' }), 404: error } } };
    paths[`/v2/models/${segment}/ready`] = { get: { summary: `Whether ${name} is loaded`, responses: { 200: json({ type: 'object', properties: { name: { type: 'string' }, ready: { type: 'boolean' } } }), 404: error } } };
    paths[`/v2/models/${segment}/monitor`] = {
      get: {
        summary: `Drift of ${name}'s served rows (with --monitor): its newest served rows and predictions against the reference in its model file`,
        responses: { 200: json({ $ref: '#/components/schemas/MonitorReport' }), 401: error, 404: error, 409: { ...error, description: 'No report: monitoring is off, the model file has no reference, or the window has too few rows (the error says how many it needs)' } },
      },
    };
    paths[`/v2/models/${segment}/infer`] = {
      post: {
        summary: `Predict with ${name} (Open Inference Protocol): one input per column (${model.inputSchema.map((c) => c.name).join(', ')}), one output per predicted column (${model.outputColumns.join(', ')})`,
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/InferenceRequest' } } } },
        responses: { 200: json({ $ref: '#/components/schemas/InferenceResponse' }), 400: error, 401: error, 404: error, 413: error, 415: error },
      },
    };
    paths[`/v1/models/${segment}:predict`] = {
      post: {
        summary: `Predict with ${name} (TensorFlow Serving row format), or a CSV in and the CSV \`sapling predict\` writes out`,
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { type: 'object', required: ['instances'], properties: { instances: { type: 'array', items: { $ref: `#/components/schemas/${id}_row` } } } } },
            'text/csv': { schema: { type: 'string' } },
          },
        },
        responses: {
          200: {
            description: 'One prediction per row, in order',
            content: {
              'application/json': { schema: { type: 'object', properties: { predictions: { type: 'array', items: { $ref: `#/components/schemas/${id}_prediction` } } } } },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          400: error,
          401: error,
          404: error,
          413: error,
          415: error,
        },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Sapling model server', version, description: 'Predictions from Sapling model files: the Open Inference Protocol (KServe V2) and the TensorFlow Serving predict route.' },
    paths,
    components: { schemas, ...(secured ? { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } : {}) },
    ...(secured ? { security: [{ bearer: [] }] } : {}),
  };
}

function json(schema: object): object {
  return { description: 'OK', content: { 'application/json': { schema } } };
}

/** The JSON schema of an input column's values, as the runtime reads them. */
function columnSchema(kind: ColumnKind): object {
  switch (kind) {
    case 'numeric':
      return { type: 'number', nullable: true };
    case 'boolean':
      return { type: 'boolean', nullable: true };
    case 'datetime':
      return { type: 'string', nullable: true, description: 'a date, e.g. 2024-03-01 or 2024-03-01 12:30' };
    default:
      return { type: 'string', nullable: true };
  }
}
