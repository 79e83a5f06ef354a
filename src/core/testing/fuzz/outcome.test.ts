import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SaplingError } from '../../util/errors';
import type { FuzzKind } from './kind';
import { crashSite, runCase } from './outcome';

/** A kind whose cases say how `run` ends. */
const kind: FuzzKind<string> = {
  name: 'test',
  cases: fc.constant('ok'),
  describe: (c) => c,
  async run(c) {
    if (c === 'refuse') throw new SaplingError('bad-model-file', 'refused');
    if (c === 'crash') throw new TypeError("Cannot read properties of undefined (reading 'map')");
    if (c === 'hang') await new Promise(() => undefined);
  },
};

describe('runCase', () => {
  it('tells accepted, refused, crashed and hung cases apart', async () => {
    expect(await runCase(kind, 'ok', 1000)).toMatchObject({ verdict: 'accepted' });
    expect(await runCase(kind, 'refuse', 1000)).toMatchObject({ verdict: 'refused', code: 'bad-model-file' });
    const crash = await runCase(kind, 'crash', 1000);
    expect(crash).toMatchObject({ verdict: 'crash', error: "TypeError: Cannot read properties of undefined (reading 'map')" });
    expect(crash.verdict === 'crash' && crash.site).toMatch(/outcome\.test\.ts:\d+/);
    expect(await runCase(kind, 'hang', 50)).toMatchObject({ verdict: 'hang' });
  });

  it('names where a crash was thrown, and the Sapling frame under a library frame', () => {
    const e = new Error('x');
    e.stack = [
      'Error: x',
      '    at new ValueError (/work/repo/tfjs-layers/src/errors.ts:48:5)',
      '    at checkFanMode (/work/repo/tfjs-layers/src/initializers.ts:22:3)',
      '    at loadNetwork (/work/repo/src/core/models/network.ts:79:12)',
    ].join('\n');
    expect(crashSite(e)).toBe('checkFanMode (tfjs-layers/src/initializers.ts:22) ← loadNetwork (src/core/models/network.ts:79)');
    expect(crashSite('not an error')).toBe('unknown');
  });
});
