/**
 * Turns for the heavy parts of a screen: each waiting part is called in its own task, lowest order
 * first, so that mounting several charts at once (a recharts chart or the tree diagram takes 20–60 ms of main thread)
 * becomes several short tasks the browser can paint and answer input between.
 */
export interface Turns {
  /** Queues `run` for its turn; the returned function withdraws it (a part that unmounts or changes again). */
  take(order: number, run: () => void): () => void;
}

/** Makes a queue of turns; `later` runs its callback in a later task (setTimeout by default). */
export function createTurns(later: (next: () => void) => void = (next) => setTimeout(next, 0)): Turns {
  const waiting: { order: number; run: () => void }[] = [];
  let pending = false;
  const next = () => {
    pending = false;
    if (waiting.length === 0) return;
    let first = 0;
    for (let i = 1; i < waiting.length; i++) if (waiting[i].order < waiting[first].order) first = i;
    const [turn] = waiting.splice(first, 1);
    // The next turn is asked for before this one runs, so a part that throws does not stop the rest.
    if (waiting.length > 0) wake();
    turn.run();
  };
  const wake = () => {
    if (pending) return;
    pending = true;
    later(next);
  };
  return {
    take(order, run) {
      const turn = { order, run };
      waiting.push(turn);
      wake();
      return () => {
        const at = waiting.indexOf(turn);
        if (at >= 0) waiting.splice(at, 1);
      };
    },
  };
}
