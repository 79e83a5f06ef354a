import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY, serveOptionsFrom } from './flags';
import { ROOT, penguinRows, trainModel } from './testKit';

describe('sapling serve flags', () => {
  it('defaults to 127.0.0.1:8080 with a 10 MB body limit, and reads the token from SAPLING_TOKEN when --token is absent', () => {
    expect(serveOptionsFrom({}, {})).toEqual({ port: 8080, host: '127.0.0.1', token: undefined, maxBody: DEFAULT_MAX_BODY, cors: undefined });
    expect(serveOptionsFrom({ port: '0', host: '0.0.0.0', 'max-body': '1000', cors: '*' }, { SAPLING_TOKEN: 'env' })).toEqual({ port: 0, host: '0.0.0.0', token: 'env', maxBody: 1000, cors: '*' });
    expect(serveOptionsFrom({ token: 'flag' }, { SAPLING_TOKEN: 'env' }).token).toBe('flag');
  });

  it('keeps a monitoring window of 1000 rows per model with --monitor, --monitor-window N rows (which implies --monitor)', () => {
    expect(serveOptionsFrom({ monitor: true }, {}).monitor).toEqual({ window: 1000 });
    expect(serveOptionsFrom({ monitor: true, 'monitor-window': '250' }, {}).monitor).toEqual({ window: 250 });
    expect(serveOptionsFrom({ 'monitor-window': '250' }, {}).monitor).toEqual({ window: 250 });
    expect(() => serveOptionsFrom({ monitor: true, 'monitor-window': '10' }, {})).toThrow('--monitor-window must be a whole number of at least 30, got "10"');
  });

  it('names the flag and what it got when a value is wrong', () => {
    expect(() => serveOptionsFrom({ port: '70000' }, {})).toThrow('--port must be 0 to 65535, got "70000"');
    expect(() => serveOptionsFrom({ 'max-body': '0' }, {})).toThrow('--max-body must be a whole number of at least 1, got "0"');
    expect(() => serveOptionsFrom({ token: ' ' }, {})).toThrow('--token must not be empty');
    expect(() => serveOptionsFrom({ cors: 'https://app.example.com/path' }, {})).toThrow('--cors must be an origin such as https://app.example.com (scheme and host, no path) or *, got "https://app.example.com/path"');
  });
});

describe('npm run sapling -- serve', () => {
  it('serves a model from the CLI until SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sapling-serve-cli-'));
    const model = trainModel('penguins', join(dir, 'birds.json'), '--target', 'species', '--model', 'tree');
    const child = spawn(process.execPath, ['scripts/sapling.mjs', 'serve', model, '--port', '0', '--token', 'k'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^sapling serve: listening on (http:\/\/127\.0\.0\.1:\d+) \(birds\)$/m.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    const r = await fetch(`${url}/v1/models/birds:predict`, { method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'application/json' }, body: JSON.stringify({ instances: penguinRows(1, 300) }) });
    expect(await r.json()).toEqual({ predictions: [{ prediction: 'Chinstrap', proba_Adelie: 0, proba_Chinstrap: 1, proba_Gentoo: 0 }] });
    const exit = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(err).toMatch(/^birds: loaded birds\.json \([0-9a-f]{12}, tree, multiclass\)\nsapling serve: SIGTERM: finishing the requests in flight, then stopping\n$/);
  });
});
