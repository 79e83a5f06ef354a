import { describe, expect, it } from 'vitest';
import config from '../vite.config';
import { CSP_DIRECTIVES, ISOLATION_HEADERS, SECURITY_HEADERS, contentSecurityPolicy, nginxConf, staticHostFiles, vercelJson } from './security-headers';

/** Headers read back from each static-host file format. */
function fromNetlify(text: string): Record<string, string> {
  const lines = text.trimEnd().split('\n');
  expect(lines[0]).toBe('/*');
  return Object.fromEntries(lines.slice(1).map((l) => {
    const m = /^ {2}([\w-]+): (.*)$/.exec(l);
    expect(m, l).not.toBeNull();
    return [m![1], m![2]];
  }));
}

function fromVercel(text: string): Record<string, string> {
  const parsed = JSON.parse(text) as { headers: { source: string; headers: { key: string; value: string }[] }[] };
  expect(parsed.headers).toHaveLength(1);
  expect(parsed.headers[0].source).toBe('/(.*)');
  return Object.fromEntries(parsed.headers[0].headers.map((h) => [h.key, h.value]));
}

function fromNginx(text: string): Record<string, string> {
  const directives = text.split('\n').filter((l) => l && !l.startsWith('#'));
  return Object.fromEntries(directives.map((l) => {
    const m = /^add_header ([\w-]+) "((?:[^"\\]|\\.)*)" always;$/.exec(l);
    expect(m, l).not.toBeNull();
    return [m![1], m![2].replace(/\\"/g, '"')];
  }));
}

describe('security headers', () => {
  it('every static-host file carries exactly the headers of the single source', () => {
    const files = staticHostFiles();
    expect(Object.keys(files).sort()).toEqual(['_headers', 'nginx-headers.conf', 'vercel.json']);
    expect(fromNetlify(files._headers)).toEqual(SECURITY_HEADERS);
    expect(fromVercel(files['vercel.json'])).toEqual(SECURITY_HEADERS);
    expect(fromNginx(files['nginx-headers.conf'])).toEqual(SECURITY_HEADERS);
  });

  it('vite preview sends them all and the dev server cross-origin isolation only', () => {
    expect(config.preview?.headers).toEqual(SECURITY_HEADERS);
    expect(config.server?.headers).toEqual(ISOLATION_HEADERS);
  });

  it('the policy allows only what the studio needs', () => {
    const csp = contentSecurityPolicy();
    const directive = (name: string) => CSP_DIRECTIVES.find(([n]) => n === name)?.[1];
    expect(directive('script-src')).toBe("'self' 'wasm-unsafe-eval' blob:");
    expect(directive('worker-src')).toBe("'self' blob:");
    expect(directive('object-src')).toBe("'none'");
    expect(csp).not.toMatch(/'unsafe-eval'|'unsafe-inline'|\*|https?:/);
    expect(SECURITY_HEADERS['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(SECURITY_HEADERS['Cross-Origin-Embedder-Policy']).toBe('require-corp');
  });

  it('the <meta> policy is the header without the directives a <meta> cannot carry', () => {
    expect(contentSecurityPolicy(true)).toBe(csp(CSP_DIRECTIVES.filter(([n]) => n !== 'frame-ancestors')));
    expect(contentSecurityPolicy()).toContain("frame-ancestors 'none'");
  });

  it('escapes a double quote in an nginx value', () => {
    expect(fromNginx(nginxConf({ 'X-Test': 'a "b"' }))).toEqual({ 'X-Test': 'a "b"' });
    expect(fromVercel(vercelJson({ 'X-Test': 'a "b"' }))).toEqual({ 'X-Test': 'a "b"' });
  });
});

function csp(directives: readonly (readonly [string, string])[]): string {
  return directives.map(([n, v]) => `${n} ${v}`).join('; ');
}
