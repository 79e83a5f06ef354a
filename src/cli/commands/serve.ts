import { type ServeFlagValues, serveOptionsFrom } from '../../server/flags';
import { serve } from '../../server/start';

/**
 * `sapling serve <model.json | folder> [--port 8080] [--host 127.0.0.1] [--token T] [--max-body B]
 * [--cors O] [--monitor [--monitor-window N]]`: the prediction server of src/server, until SIGTERM or SIGINT.
 */
export async function serveCommand(path: string, flags: ServeFlagValues): Promise<void> {
  await serve(path, serveOptionsFrom(flags));
}
