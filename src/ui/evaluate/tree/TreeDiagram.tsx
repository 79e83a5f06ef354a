import { useMemo, useRef, useState } from 'react';
import type { TreeDescription } from '../../../core/models/trees/describe';
import { valueRange } from './colours';
import { boxWidths, layoutTree, levelsThatFit, pruneToDepth } from './layout';
import { Branches, TreeNode, nodeLines } from './TreeShapes';
import { useElementSize } from './useElementSize';
import { PAD, READABLE_K, usePanZoom } from './usePanZoom';

/** Room below a cut node for its "+ n more" note. */
const STUB = 34;

/**
 * The tree as a top-down node-link SVG: questions in the inner nodes, predictions and counts in the
 * leaves, nodes coloured by what they predict, branch width by the rows that flow down it. It starts
 * with as many levels as fit the width readably (more on request), and zooms and pans with the
 * wheel and the mouse, the buttons, or the keyboard once the diagram has focus.
 */
export function TreeDiagram({ tree }: { tree: TreeDescription }) {
  const viewport = useRef<HTMLDivElement>(null);
  const size = useElementSize(viewport);
  const widths = useMemo(() => boxWidths(tree.nodes.filter((n) => !n.rule).flatMap(nodeLines), tree.nodes.filter((n) => n.rule).flatMap(nodeLines)), [tree]);
  const fitting = useMemo(() => levelsThatFit(tree.nodes, widths, tree.shownDepth, (size.w - 2 * PAD) / READABLE_K), [tree, widths, size.w]);
  const [chosen, setChosen] = useState<number | null>(null);
  const levels = chosen ?? fitting;
  const nodes = useMemo(() => pruneToDepth(tree.nodes, levels), [tree, levels]);
  const { placed, width, height } = useMemo(() => layoutTree(nodes, widths), [nodes, widths]);
  const range = useMemo(() => valueRange(tree), [tree]);
  const focusX = placed[0] ? placed[0].x + placed[0].width / 2 : 0;
  const { view, zoomIn, zoomOut, reset, fit, handlers, height: viewportHeight } = usePanZoom(viewport, size, { width, height: height + (nodes.some((n) => n.hidden) ? STUB : 0), focusX });
  const rootRows = tree.nodes[0]?.samples || 1;
  return (
    <div className="tree-diagram">
      <div className="tree-controls">
        <div role="group" aria-label="Zoom" className="control-group">
          <button type="button" onClick={zoomIn} aria-label="Zoom in" title="Zoom in (+)">
            +
          </button>
          <button type="button" onClick={zoomOut} aria-label="Zoom out" title="Zoom out (−)">
            −
          </button>
          <button type="button" onClick={reset} title="Back to the starting view (0)">
            Reset view
          </button>
          <button type="button" onClick={fit}>
            Fit to view
          </button>
          <output aria-label="Zoom level" className="muted small">
            {Math.round(view.k * 100)}%
          </output>
        </div>
        {tree.depth > 1 ? (
          <div role="group" aria-label="Levels" className="control-group">
            <button type="button" onClick={() => setChosen(Math.max(1, levels - 1))} disabled={levels <= 1} aria-label="Fewer levels">
              −
            </button>
            <output aria-label="Levels shown" className="small">
              {levels} of {tree.depth} levels
            </output>
            <button type="button" onClick={() => setChosen(Math.min(tree.shownDepth, levels + 1))} disabled={levels >= tree.shownDepth} aria-label="More levels">
              +
            </button>
          </div>
        ) : null}
      </div>
      <div ref={viewport} className="tree-viewport" style={{ height: `min(70vh, ${viewportHeight}px)` }} tabIndex={0} role="group" aria-label="Tree diagram: drag or use the arrow keys to move, scroll or + and − to zoom" {...handlers}>
        <svg role="img" aria-label={`${tree.title}: ${tree.leaves} leaves, ${tree.depth} levels deep`} width="100%" height="100%">
          <g transform={`translate(${view.dx} ${view.dy}) scale(${view.k})`}>
            {nodes.map((node, i) => (node.children ? <Branches key={`e${i}`} tree={tree} node={node} placed={placed} at={placed[i]} rootRows={rootRows} /> : null))}
            {nodes.map((node, i) => (
              <TreeNode key={i} tree={tree} node={node} at={placed[i]} range={range} />
            ))}
          </g>
        </svg>
      </div>
    </div>
  );
}
