import { CancelledError } from '../core/util/errors';
import { type EngineClient, startEngine } from '../workers/client';

/**
 * The page's one engine worker, shared by the action modules, and what the watchdog needs to
 * replace it: the way to stop it, and the calls still waiting on it.
 */

/** A started engine and the way to stop its worker. */
export interface StartedEngine {
  readonly engine: EngineClient;
  readonly terminate: () => void;
}

/** Starts an engine; `onCrash` hears of a worker that fails by itself. */
export type EngineFactory = (onCrash: (message: string) => void) => StartedEngine;

let engine: EngineClient | null = null;
let terminate: () => void = () => {};
let factory: EngineFactory = startEngine;

/** Rejects every tracked call when the engine they wait on is thrown away. */
let lost = newLoss();
let inFlight = 0;
let idleWaiters: (() => void)[] = [];

function newLoss(): { promise: Promise<never>; reject: (e: Error) => void } {
  let reject: (e: Error) => void = () => {};
  const promise = new Promise<never>((_, r) => (reject = r));
  // Nobody may be waiting when the engine goes: not an unhandled rejection.
  promise.catch(() => {});
  return { promise, reject };
}

/** Keeps the started engine for the actions (tests hand in a stand-in). */
export function setEngine(client: EngineClient, stop: () => void = () => {}): void {
  engine = client;
  terminate = stop;
}

/** Replaces how engines are started (tests: a stand-in that never answers). */
export function setEngineFactory(make: EngineFactory): void {
  factory = make;
}

/** Starts a new engine worker with the current factory and makes it the studio's engine. */
export function launchEngine(onCrash: (message: string) => void): EngineClient {
  const started = factory(onCrash);
  setEngine(started.engine, started.terminate);
  return started.engine;
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

/**
 * A call that honours Cancel, watched: it counts as running until it settles, and it ends as
 * cancelled if the engine is thrown away first (a terminated worker never answers).
 */
export function tracked<T>(call: Promise<T>): Promise<T> {
  inFlight++;
  return Promise.race([call, lost.promise]).finally(() => {
    inFlight--;
    if (inFlight > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  });
}

/** How many tracked calls are waiting on the engine. */
export function callsInFlight(): number {
  return inFlight;
}

/** Resolves once no tracked call is waiting on the engine. */
export function whenIdle(): Promise<void> {
  return inFlight === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve));
}

/** Terminates the engine worker; its tracked calls end as cancelled. */
export function dropEngine(why: string): void {
  terminate();
  engine = null;
  terminate = () => {};
  const gone = lost;
  lost = newLoss();
  gone.reject(new CancelledError(why));
}
