import { type ReactNode, memo, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { createTurns } from './turns';

/** The page's one queue: every staggered part of every screen waits in it. */
const turns = createTurns();

/**
 * Whether the part with this `order` may draw what belongs to `when` (a model's identity): false
 * from the render where `when` changes (or the part mounts) until the part's turn, which comes in a
 * task of its own after every lower order waiting. `shownBefore` says whether it has drawn anything.
 */
export function useStaggeredMount(order: number, when: string): { ready: boolean; shownBefore: boolean } {
  const [shown, setShown] = useState<string | null>(null);
  useEffect(() => {
    if (shown === when) return undefined;
    // flushSync: the part is drawn inside its own turn's task, not batched with the next turn's.
    return turns.take(order, () => flushSync(() => setShown(when)));
  }, [order, when, shown]);
  return { ready: shown === when, shownBefore: shown !== null };
}

/** Renders its children as they were while `frozen` (React skips it), afresh otherwise. */
const Hold = memo(
  function Hold({ children }: { frozen: boolean; children: ReactNode }) {
    return children;
  },
  (_, next) => next.frozen,
);

/**
 * A heavy part of a screen (a chart, a card of charts) drawn in its turn (see useStaggeredMount):
 * until then it keeps showing what it showed for the previous model, or, the first time, an empty
 * box `height` pixels tall so that nothing below it jumps when it appears.
 */
export function Staggered({ order, when, height, className, children }: { order: number; when: string; height: number; className?: string; children: ReactNode }) {
  const { ready, shownBefore } = useStaggeredMount(order, when);
  if (!shownBefore) return <div className={className} style={{ minHeight: height }} aria-hidden="true" />;
  return <Hold frozen={!ready}>{children}</Hold>;
}
