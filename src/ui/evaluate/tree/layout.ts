import type { TreeNodeView } from '../../../core/models/trees/describe';

/** Node box height and the gaps between boxes, in SVG units; widths follow the text (see `boxWidths`). */
export const NODE = { height: 66, gapX: 18, gapY: 60, padX: 10, minLeaf: 112, minInner: 150, maxWidth: 320 } as const;

/** A node's box: its top-left corner and width. */
export interface Placed {
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

/** Box widths: leaves (prediction and counts) are narrower than nodes that ask a question. */
export interface BoxWidths {
  readonly leaf: number;
  readonly inner: number;
}

/**
 * A top-down layout (the classic tidy tree, simplified): leaves and cut nodes take consecutive
 * slots left to right, each parent is centred over its children, levels are rows. A parent stays
 * inside its subtree's slots as long as inner ≤ 2 · leaf + gap, which `boxWidths` ensures.
 */
export function layoutTree(nodes: readonly TreeNodeView[], widths: BoxWidths): { placed: Placed[]; width: number; height: number } {
  const placed: Placed[] = new Array(nodes.length);
  const centre = new Float64Array(nodes.length);
  let cursor = 0;
  let maxDepth = 0;
  // Iterative post-order, so deep trees do not overflow the stack.
  const stack: { node: number; visited: boolean }[] = nodes.length ? [{ node: 0, visited: false }] : [];
  while (stack.length) {
    const top = stack.pop()!;
    const { children, depth, rule } = nodes[top.node];
    maxDepth = Math.max(maxDepth, depth);
    const width = rule ? widths.inner : widths.leaf;
    const y = depth * (NODE.height + NODE.gapY);
    if (!children) {
      centre[top.node] = cursor + width / 2;
      cursor += width + NODE.gapX;
    } else if (top.visited) {
      centre[top.node] = (centre[children[0]] + centre[children[1]]) / 2;
    } else {
      stack.push({ node: top.node, visited: true }, { node: children[1], visited: false }, { node: children[0], visited: false });
      continue;
    }
    placed[top.node] = { x: centre[top.node] - width / 2, y, width };
  }
  return { placed, width: Math.max(0, cursor - NODE.gapX), height: nodes.length ? (maxDepth + 1) * (NODE.height + NODE.gapY) - NODE.gapY : 0 };
}

let context: CanvasRenderingContext2D | null | undefined;

/** The width of `text` in pixels at a CSS font (measured on a canvas; estimated where there is none). */
export function textWidth(text: string, font: string): number {
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return text.length * 7.5;
  context.font = font;
  return context.measureText(text).width;
}

/** Box widths from the widest lines of leaves and of question nodes (longer lines are cut). */
export function boxWidths(leafLines: readonly { text: string; font: string }[], innerLines: readonly { text: string; font: string }[]): BoxWidths {
  const widest = (lines: readonly { text: string; font: string }[]) => Math.max(0, ...lines.map((l) => textWidth(l.text, l.font))) + 2 * NODE.padX + 2;
  const inner = Math.ceil(Math.min(NODE.maxWidth, Math.max(NODE.minInner, widest(innerLines))));
  const leaf = Math.ceil(Math.min(NODE.maxWidth, Math.max(NODE.minLeaf, widest(leafLines), (inner - NODE.gapX) / 2)));
  return { leaf, inner };
}

/** `text` shortened with an ellipsis until it fits `width` pixels. */
export function fitText(text: string, font: string, width: number): string {
  if (textWidth(text, font) <= width) return text;
  let end = text.length - 1;
  while (end > 1 && textWidth(`${text.slice(0, end)}…`, font) > width) end--;
  return `${text.slice(0, end)}…`;
}

let family: string | undefined;

/** A CSS font in the page's own family. */
export function font(size: number, weight = 400): string {
  family ??= typeof document === 'undefined' ? 'sans-serif' : getComputedStyle(document.documentElement).fontFamily || 'sans-serif';
  return `${weight} ${size}px ${family}`;
}

/**
 * The nodes down to `depth` (a prefix, since nodes are in breadth-first order); nodes at that depth
 * that have children become cut nodes that count what they hide.
 */
export function pruneToDepth(nodes: readonly TreeNodeView[], depth: number): readonly TreeNodeView[] {
  const end = nodes.findIndex((n) => n.depth > depth);
  if (end < 0) return nodes;
  const below = new Float64Array(nodes.length);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const { hidden, children } = nodes[i];
    below[i] = hidden + (children ? 2 + below[children[0]] + below[children[1]] : 0);
  }
  return nodes.slice(0, end).map((n, i) => (n.depth === depth && n.children ? { ...n, children: null, hidden: below[i] } : n));
}

/** The most levels (up to `max`) whose layout is at most `room` wide. */
export function levelsThatFit(nodes: readonly TreeNodeView[], widths: BoxWidths, max: number, room: number): number {
  for (let depth = max; depth > 1; depth--) if (layoutTree(pruneToDepth(nodes, depth), widths).width <= room) return depth;
  return Math.min(max, 1);
}
