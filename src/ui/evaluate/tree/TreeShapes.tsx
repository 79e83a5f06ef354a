import type { TreeDescription, TreeNodeView } from '../../../core/models/trees/describe';
import { classColour, nodeFill } from './colours';
import { NODE, type Placed, fitText, font } from './layout';
import { detail, fullText, leafDetail, outcome } from './nodeText';

/** Fonts of a node's lines, as the stylesheet sets them (the text is measured to size the boxes). */
let fontsOnce: { question: string; outcome: string; detail: string } | undefined;
function fonts() {
  fontsOnce ??= { question: font(13, 700), outcome: font(14, 700), detail: font(12) };
  return fontsOnce;
}

/** A node's two lines of text and their fonts. */
function lines(node: TreeNodeView): { title: string; titleFont: string; detail: string } {
  return node.rule ? { title: `${node.rule.question}?`, titleFont: fonts().question, detail: detail(node) } : { title: outcome(node), titleFont: fonts().outcome, detail: leafDetail(node) };
}

/** The lines of text a node shows, with their fonts, for measuring box widths. */
export function nodeLines(node: TreeNodeView): { text: string; font: string }[] {
  const l = lines(node);
  return [
    { text: l.title, font: l.titleFont },
    { text: l.detail, font: fonts().detail },
  ];
}

/** The two branches under a node, as wide as the rows that take them, labelled yes and no. */
export function Branches({ tree, node, placed, at, rootRows }: { tree: TreeDescription; node: TreeNodeView; placed: readonly Placed[]; at: Placed; rootRows: number }) {
  const x1 = at.x + at.width / 2;
  const y1 = at.y + NODE.height;
  return (
    <>
      {node.children!.map((child, side) => {
        const to = placed[child];
        const x2 = to.x + to.width / 2;
        const y2 = to.y;
        const mid = (y1 + y2) / 2;
        const yes = (side === 0) === node.rule!.yesGoesLeft;
        return (
          <g key={child} className="branch">
            <path d={`M${x1},${y1} C${x1},${mid} ${x2},${mid} ${x2},${y2}`} strokeWidth={1 + 7 * (tree.nodes[child].samples / rootRows)} />
            <text x={(x1 + x2) / 2 + (side === 0 ? -6 : 6)} y={mid + 4} textAnchor={side === 0 ? 'end' : 'start'} className="branch-label">
              {yes ? 'yes' : 'no'}
            </text>
          </g>
        );
      })}
    </>
  );
}

/** One node: its question (or prediction for a leaf), rows, and the class mix as a bar. */
export function TreeNode({ tree, node, at, range }: { tree: TreeDescription; node: TreeNodeView; at: Placed; range: { min: number; max: number } }) {
  const { fill, opacity } = nodeFill(node.prediction, tree, range);
  const leaf = !node.rule;
  const p = node.prediction;
  const text = lines(node);
  const box = at.width;
  const room = box - 2 * NODE.padX;
  return (
    <g transform={`translate(${at.x} ${at.y})`} className={leaf ? 'tree-node leaf' : 'tree-node'}>
      <title>{fullText(node, tree)}</title>
      <rect width={box} height={NODE.height} rx={8} className="node-base" />
      <rect width={box} height={NODE.height} rx={8} fill={fill} fillOpacity={opacity} stroke={fill} strokeWidth={leaf ? 2 : 1} />
      <text x={NODE.padX} y={20} className="node-title">
        {fitText(text.title, text.titleFont, room)}
      </text>
      <text x={NODE.padX} y={38} className="node-detail">
        {fitText(text.detail, fonts().detail, room)}
      </text>
      {p.kind === 'class' ? (
        <g transform={`translate(10 ${NODE.height - 16})`}>
          {segments(p.counts, box - 20).map(({ k, x, w }) => (
            <rect key={k} x={x} width={w} height={6} fill={classColour(k)} />
          ))}
        </g>
      ) : null}
      {node.hidden ? (
        <g className="cut">
          <line x1={box / 2} y1={NODE.height} x2={box / 2} y2={NODE.height + 14} />
          <text x={box / 2} y={NODE.height + 28} textAnchor="middle">
            + {node.hidden} more nodes
          </text>
        </g>
      ) : null}
    </g>
  );
}

/** Stacked-bar pieces for counts across `width`: class, start and width (empty classes left out). */
function segments(counts: readonly number[], width: number): { k: number; x: number; w: number }[] {
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  const out: { k: number; x: number; w: number }[] = [];
  let x = 0;
  counts.forEach((c, k) => {
    const w = (width * c) / total;
    if (w > 0) out.push({ k, x, w });
    x += w;
  });
  return out;
}
