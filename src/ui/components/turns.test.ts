import { describe, expect, it } from 'vitest';
import { createTurns } from './turns';

/** A hand-cranked "later": each tick runs what was asked for, as one task of the page would. */
function manual() {
  const queue: (() => void)[] = [];
  return {
    later: (next: () => void) => void queue.push(next),
    tick() {
      const next = queue.shift();
      next?.();
      return next !== undefined;
    },
    get asked() {
      return queue.length;
    },
  };
}

describe('createTurns', () => {
  it('runs the waiting parts lowest order first, one per task', () => {
    const clock = manual();
    const turns = createTurns(clock.later);
    const ran: string[] = [];
    turns.take(2, () => ran.push('tree'));
    turns.take(0, () => ran.push('roc'));
    turns.take(1, () => ran.push('threshold'));
    expect(ran).toEqual([]);
    expect(clock.asked).toBe(1);
    clock.tick();
    expect(ran).toEqual(['roc']);
    clock.tick();
    expect(ran).toEqual(['roc', 'threshold']);
    clock.tick();
    expect(ran).toEqual(['roc', 'threshold', 'tree']);
    expect(clock.tick()).toBe(false);
  });

  it('skips a part withdrawn before its turn (unmounted, or its model changed again)', () => {
    const clock = manual();
    const turns = createTurns(clock.later);
    const ran: number[] = [];
    turns.take(0, () => ran.push(0));
    const withdraw = turns.take(1, () => ran.push(1));
    turns.take(2, () => ran.push(2));
    clock.tick();
    withdraw();
    clock.tick();
    clock.tick();
    expect(ran).toEqual([0, 2]);
  });

  it('keeps going after a part that throws', () => {
    const clock = manual();
    const turns = createTurns(clock.later);
    const ran: number[] = [];
    turns.take(0, () => {
      throw new Error('drawing failed');
    });
    turns.take(1, () => ran.push(1));
    expect(() => clock.tick()).toThrow('drawing failed');
    clock.tick();
    expect(ran).toEqual([1]);
  });
});
