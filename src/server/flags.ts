// The flags of `sapling serve` and the standalone server, apart from the server so that the CLI's
// usage text does not load fastify.
import { wholeOption } from '../cli/options';
import { SaplingError } from '../core/util/errors';

/** The default largest request body: 10 MB, about 100,000 rows of a ten-column CSV. */
export const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

/** Rows kept per model by --monitor unless --monitor-window says otherwise. */
export const DEFAULT_MONITOR_WINDOW = 1000;

/** The fewest rows a monitoring window is tested on (and the smallest --monitor-window): on fewer the tests say little. */
export const MIN_MONITOR_ROWS = 30;

/** The flags of `sapling serve` as parsed text (node:util parseArgs). */
export const SERVE_FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
  'max-body': { type: 'string' },
  cors: { type: 'string' },
  monitor: { type: 'boolean' },
  'monitor-window': { type: 'string' },
} as const;

/** The flags' values as parseArgs gives them (text, or true for a switch). */
export type ServeFlagValues = { readonly [K in keyof typeof SERVE_FLAGS]?: (typeof SERVE_FLAGS)[K]['type'] extends 'boolean' ? boolean : string };

export const SERVE_USAGE = `sapling serve <model.json | folder> [--port 8080] [--host 127.0.0.1] [--token <secret>]
                [--max-body <bytes>] [--cors <origin>] [--monitor [--monitor-window ${DEFAULT_MONITOR_WINDOW}]]`;

export const SERVE_HELP = `serve (a model file, or every *.json model file of a folder under its file name; files are followed):
  --port N             port to listen on (default 8080; 0 picks a free one)
  --host H             address to listen on (default 127.0.0.1; 0.0.0.0 for every interface, as in a container)
  --token T            require "Authorization: Bearer T" on every route but /v2/health/* (or set SAPLING_TOKEN)
  --max-body B         largest request body in bytes (default ${DEFAULT_MAX_BODY}); larger ones get 413
  --cors O             allow browser calls from origin O (e.g. https://app.example.com, or *)
  --monitor            keep each model's newest served rows and predictions; GET /v2/models/{name}/monitor
                       answers their drift report against the model file's reference, /metrics adds drift gauges
  --monitor-window N   rows kept per model (default ${DEFAULT_MONITOR_WINDOW}, at least ${MIN_MONITOR_ROWS}; implies --monitor)`;

/** How to run a server. */
export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly token?: string;
  readonly maxBody: number;
  readonly cors?: string;
  /** With --monitor: the rows kept per model. */
  readonly monitor?: { readonly window: number };
}

/** Serve options from the flags (and SAPLING_TOKEN); an error names the flag and what it got. */
export function serveOptionsFrom(values: ServeFlagValues, env: NodeJS.ProcessEnv = process.env): ServeOptions {
  const port = wholeOption('--port', values.port, 8080, 0);
  if (port > 65535) throw new SaplingError('bad-option', `--port must be 0 to 65535, got "${values.port}"`);
  const token = values.token ?? env.SAPLING_TOKEN;
  if (token !== undefined && token.trim() === '') throw new SaplingError('bad-option', '--token must not be empty');
  const cors = values.cors;
  if (cors !== undefined && cors !== '*' && !/^https?:\/\/[^/\s]+$/.test(cors)) {
    throw new SaplingError('bad-option', `--cors must be an origin such as https://app.example.com (scheme and host, no path) or *, got "${cors}"`);
  }
  const window = wholeOption('--monitor-window', values['monitor-window'], DEFAULT_MONITOR_WINDOW, MIN_MONITOR_ROWS);
  const monitor = values.monitor || values['monitor-window'] !== undefined ? { window } : undefined;
  return { port, host: values.host ?? '127.0.0.1', token, maxBody: wholeOption('--max-body', values['max-body'], DEFAULT_MAX_BODY, 1), cors, ...(monitor ? { monitor } : {}) };
}
