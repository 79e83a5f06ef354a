import type { EngineClient } from '../workers/client';

/** The page's one engine worker, shared by the action modules. */
let engine: EngineClient | null = null;

/** Keeps the started engine for the actions. */
export function setEngine(client: EngineClient): void {
  engine = client;
}

/** True once the engine has been started. */
export function hasEngine(): boolean {
  return engine !== null;
}

/** The engine; an error when the studio has not started it. */
export function requireEngine(): EngineClient {
  if (!engine) throw new Error('the studio has not started');
  return engine;
}
