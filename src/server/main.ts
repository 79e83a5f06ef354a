// The standalone server (`node dist/server/sapling-serve.mjs <model.json | folder> [flags]`), built
// with fastify inside so it runs without node_modules (the container runs exactly this). The CLI's
// `sapling serve` runs the same `serve`.
import { parseArgs } from 'node:util';
import { errorMessage } from '../core/util/errors';
import { SERVE_FLAGS, SERVE_HELP, SERVE_USAGE, serveOptionsFrom } from './flags';
import { serve } from './start';

/** Runs the server with `argv` (without node and script) until SIGTERM; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { ...SERVE_FLAGS, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      console.log(`usage: ${SERVE_USAGE.replace(/^sapling serve/, 'sapling-serve')}\n\n${SERVE_HELP}`);
      return 0;
    }
    if (positionals.length !== 1) throw new Error(`expected: ${SERVE_USAGE.replace(/^sapling serve/, 'sapling-serve')}`);
    await serve(positionals[0], serveOptionsFrom(values));
    return 0;
  } catch (e) {
    console.error(`error: ${errorMessage(e)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
