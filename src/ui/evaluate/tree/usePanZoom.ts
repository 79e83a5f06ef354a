import { type KeyboardEvent, type PointerEvent, type RefObject, useCallback, useEffect, useRef, useState } from 'react';

/** Content point (x, y) is drawn at (x·k + dx, y·k + dy) in the viewport. */
export interface View {
  readonly k: number;
  readonly dx: number;
  readonly dy: number;
}

const MIN_K = 0.1;
const MAX_K = 4;
export const PAD = 16;
/** Below this scale text is too small to read, so the starting view shows the top of the tree instead. */
export const READABLE_K = 0.6;
const STEP = 1.25;

/** The whole content, centred, at most at natural size. */
function fitView(width: number, height: number, vw: number, vh: number): View {
  const k = Math.min(1, (vw - 2 * PAD) / Math.max(1, width), (vh - 2 * PAD) / Math.max(1, height));
  return { k, dx: (vw - width * k) / 2, dy: Math.max(PAD, (vh - height * k) / 2) };
}

/** Viewport heights: the tree's own height when it fits the width readably, within these bounds. */
const MIN_HEIGHT = 240;
const MAX_HEIGHT = 560;

/** The viewport height that shows the whole content when it fits the width readably, else the most. */
function preferredHeight(width: number, height: number, vw: number): number {
  const k = Math.min(1, (vw - 2 * PAD) / Math.max(1, width));
  return k >= READABLE_K ? Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(height * k + 2 * PAD))) : MAX_HEIGHT;
}

/** The starting view: the whole tree when it is readable so, else its top with `focusX` (the root) centred. */
function startView(width: number, height: number, focusX: number, vw: number, vh: number): View {
  const fit = fitView(width, height, vw, vh);
  if (fit.k >= READABLE_K) return fit;
  const k = 0.85;
  return { k, dx: vw / 2 - focusX * k, dy: PAD };
}

/**
 * Zoom and pan for an SVG viewport: wheel zooms about the pointer, dragging pans, and the returned
 * commands (and keyboard: arrows, + / −, 0) do the same for buttons and keys.
 */
export function usePanZoom(viewport: RefObject<HTMLDivElement | null>, size: { w: number; h: number }, content: { width: number; height: number; focusX: number }) {
  // null = the starting view for the current content and viewport size.
  const [moved, setMoved] = useState<View | null>(null);
  const [shown, setShown] = useState(content);
  const drag = useRef<{ x: number; y: number; id: number } | null>(null);
  const { width, height, focusX } = content;
  if (shown.width !== width || shown.height !== height || shown.focusX !== focusX) {
    // Other content (another tree, more levels): back to its starting view.
    setShown(content);
    setMoved(null);
  }
  const start = startView(width, height, focusX, size.w, size.h);
  const view = moved ?? start;

  const zoomAt = useCallback(
    (factor: number, cx: number, cy: number) => {
      setMoved((m) => {
        const v = m ?? start;
        const k = Math.min(MAX_K, Math.max(MIN_K, v.k * factor));
        return { k, dx: cx - ((cx - v.dx) * k) / v.k, dy: cy - ((cy - v.dy) * k) / v.k };
      });
    },
    [start],
  );

  // React's wheel listener is passive; zooming must stop the page from scrolling, so listen directly.
  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const box = el.getBoundingClientRect();
      zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - box.left, e.clientY - box.top);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [viewport, zoomAt]);

  const pan = (x: number, y: number) => setMoved((m) => {
    const v = m ?? start;
    return { ...v, dx: v.dx + x, dy: v.dy + y };
  });
  const zoomIn = () => zoomAt(STEP, size.w / 2, size.h / 2);
  const zoomOut = () => zoomAt(1 / STEP, size.w / 2, size.h / 2);
  const reset = () => setMoved(null);
  const fit = () => setMoved(fitView(width, height, size.w, size.h));

  const handlers = {
    onPointerDown(e: PointerEvent) {
      if (e.button !== 0) return;
      drag.current = { x: e.clientX, y: e.clientY, id: e.pointerId };
      (e.currentTarget as Element).setPointerCapture(e.pointerId);
    },
    onPointerMove(e: PointerEvent) {
      const d = drag.current;
      if (!d || d.id !== e.pointerId) return;
      pan(e.clientX - d.x, e.clientY - d.y);
      drag.current = { ...d, x: e.clientX, y: e.clientY };
    },
    onPointerUp() {
      drag.current = null;
    },
    onKeyDown(e: KeyboardEvent) {
      const moves: Record<string, [number, number]> = { ArrowLeft: [60, 0], ArrowRight: [-60, 0], ArrowUp: [0, 60], ArrowDown: [0, -60] };
      if (moves[e.key]) pan(...moves[e.key]);
      else if (e.key === '+' || e.key === '=') zoomIn();
      else if (e.key === '-' || e.key === '_') zoomOut();
      else if (e.key === '0') reset();
      else return;
      e.preventDefault();
    },
  };
  return { view, zoomIn, zoomOut, reset, fit, handlers, height: preferredHeight(width, height, size.w) };
}
