import { type SERVE_FLAGS, serveOptionsFrom } from '../../server/flags';
import { serve } from '../../server/start';

/**
 * `sapling serve <model.json | folder> [--port 8080] [--host 127.0.0.1] [--token T] [--max-body B]
 * [--cors O]`: the prediction server of src/server, until SIGTERM or SIGINT.
 */
export async function serveCommand(path: string, flags: Partial<Record<keyof typeof SERVE_FLAGS, string>>): Promise<void> {
  await serve(path, serveOptionsFrom(flags));
}
