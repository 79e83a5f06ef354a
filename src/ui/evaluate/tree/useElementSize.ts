import { type RefObject, useEffect, useState } from 'react';

/** An element's inner size, kept up to date (the observer reports the first size before paint). */
export function useElementSize(ref: RefObject<HTMLElement | null>, initial = { w: 800, h: 480 }): { w: number; h: number } {
  const [size, setSize] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setSize({ w: el.clientWidth, h: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
