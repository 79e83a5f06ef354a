import { type ReactNode, useEffect, useState } from 'react';

/** Deferred parts waiting to mount, mounted one at a time. */
const waiting: (() => void)[] = [];
let mounting = false;

function next(): void {
  if (mounting) return;
  const mount = waiting.shift();
  if (!mount) return;
  mounting = true;
  // A task of its own per part, so the browser can paint and answer input in between.
  setTimeout(mount, 0);
}

function mounted(): void {
  mounting = false;
  next();
}

/**
 * Renders its children after the screen around it has appeared, one deferred part at a time,
 * each in its own task and commit: a screen with many heavy parts (tables, charts) then builds in
 * several short tasks instead of one long one that would freeze the page.
 */
export function Deferred({ children, placeholder = null }: { children: ReactNode; placeholder?: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    waiting.push(() => (live ? setReady(true) : mounted()));
    next();
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    if (ready) mounted();
  }, [ready]);
  return <>{ready ? children : placeholder}</>;
}
