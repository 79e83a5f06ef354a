import type { ReactNode } from 'react';
import { useStaggeredMount } from './Staggered';

/**
 * Renders its children after the screen around it has appeared, one deferred part at a time,
 * each in its own task and commit: a screen with many heavy parts (tables, charts) then builds in
 * several short tasks instead of one long one that would freeze the page. It waits in the page's
 * one queue of turns (`Staggered`), in the order the parts mounted, and is drawn once.
 */
export function Deferred({ children, placeholder = null }: { children: ReactNode; placeholder?: ReactNode }) {
  const { ready } = useStaggeredMount(0, 'mounted');
  return <>{ready ? children : placeholder}</>;
}
