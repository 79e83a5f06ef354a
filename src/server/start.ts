import { SaplingError } from '../core/util/errors';
import { createServer } from './app';
import type { ServeOptions } from './flags';
import { type LogLine, ModelStore } from './modelStore';
import { monitorReporter } from './monitorReporter';

/**
 * Serves `path` (a model file or a folder of them) until SIGTERM or SIGINT: then it stops taking
 * connections, lets the requests in flight finish, and resolves. `onListening` gets the address
 * (with the port chosen when `port` is 0).
 */
export async function serve(path: string, options: ServeOptions, log: LogLine = (line) => console.error(line), onListening?: (url: string) => void): Promise<void> {
  const models = new ModelStore(path, log);
  await models.load();
  models.watch();
  const monitor = options.monitor ? { window: options.monitor.window, report: monitorReporter } : undefined;
  const app = await createServer({ models, token: options.token, maxBody: options.maxBody, cors: options.cors, log, monitor });
  let url: string;
  try {
    url = await app.listen({ port: options.port, host: options.host });
  } catch (e) {
    models.close();
    const code = (e as NodeJS.ErrnoException).code;
    throw new SaplingError('cannot-listen', `cannot listen on ${options.host}:${options.port}: ${code === 'EADDRINUSE' ? 'the port is in use' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
  }
  const names = models.names();
  console.log(`sapling serve: listening on ${url} (${names.length ? names.join(', ') : 'no models yet'})`);
  onListening?.(url);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log(`sapling serve: ${signal}: finishing the requests in flight, then stopping`);
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      models.close();
      void app.close().then(resolve);
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
}
