/**
 * Lets the worker's event loop run: resolves on the next macrotask, so a comlink `cancel()` message
 * queued behind a long training loop gets delivered. MessageChannel avoids setTimeout's 4 ms clamp
 * for nested timers, which would add seconds over thousands of batches.
 */
export function createYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}
