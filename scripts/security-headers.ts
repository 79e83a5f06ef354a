/**
 * The one source of the HTTP headers the built studio needs (issue 11): its Content-Security-Policy
 * and the cross-origin isolation pair. `vite preview`, the dev server, the `<meta>` policy in the
 * built index.html and the ready files for static hosts (`_headers`, `vercel.json`,
 * `nginx-headers.conf`) are all rendered from here, and a unit test checks they agree.
 */

/**
 * Each directive and why the studio needs exactly that much.
 * - `'wasm-unsafe-eval'`: TF.js's WASM backend compiles WebAssembly; it does not allow `eval`.
 * - `blob:` in script-src and worker-src: the threaded WASM backend starts its pthread workers from
 *   a Blob of the Emscripten module and each of them `importScripts` a blob: URL of it.
 * - `style-src 'self'`: the stylesheet is a file; React and Recharts set `style` through the CSSOM,
 *   which CSP does not govern, so no `'unsafe-inline'`.
 * - `img-src data:`: the favicon is an inline SVG; `blob:` for downloads previewed as images.
 */
export const CSP_DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self' 'wasm-unsafe-eval' blob:"],
  ['worker-src', "'self' blob:"],
  ['connect-src', "'self'"],
  ['img-src', "'self' data: blob:"],
  ['style-src', "'self'"],
  ['font-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** Directives a `<meta http-equiv>` policy ignores (the browser logs an error for them), per CSP 3 §6.1. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** The policy as one header value; `forMeta` leaves out what a `<meta>` element may not carry. */
export function contentSecurityPolicy(forMeta = false): string {
  return CSP_DIRECTIVES.filter(([name]) => !forMeta || !HEADER_ONLY.has(name))
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/**
 * Cross-origin isolation (COOP + COEP) gives the page SharedArrayBuffer, which TF.js's threaded
 * WASM backend and the part workers need. Without them the studio still works on one thread.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Every header a host serving the built studio should send, in a stable order. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy(),
  ...ISOLATION_HEADERS,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** Netlify's and Cloudflare Pages' `_headers` file: every path gets every header. */
export function netlifyHeaders(headers: Readonly<Record<string, string>> = SECURITY_HEADERS): string {
  return ['/*', ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join('\n') + '\n';
}

/** Vercel's `vercel.json` (read from the deployed folder, e.g. `vercel deploy dist`). */
export function vercelJson(headers: Readonly<Record<string, string>> = SECURITY_HEADERS): string {
  const config = { headers: [{ source: '/(.*)', headers: Object.entries(headers).map(([key, value]) => ({ key, value })) }] };
  return JSON.stringify(config, null, 2) + '\n';
}

/**
 * An nginx snippet to `include` inside the `server` or `location` block that serves the folder.
 * `always` sends the headers on error pages too. (nginx's own mime.types serves `.wasm` as
 * application/wasm, which streaming compilation needs.)
 */
export function nginxConf(headers: Readonly<Record<string, string>> = SECURITY_HEADERS): string {
  const lines = Object.entries(headers).map(([k, v]) => `add_header ${k} "${v.replace(/"/g, '\\"')}" always;`);
  return ['# Sapling studio: include this in the server block that serves the built folder.', ...lines, ''].join('\n');
}

/** The static-host files written next to index.html by the build, by file name. */
export function staticHostFiles(): Record<string, string> {
  return { _headers: netlifyHeaders(), 'vercel.json': vercelJson(), 'nginx-headers.conf': nginxConf() };
}
