import type { TreeDescription } from '../../../core/models/trees/describe';
import { detail, leafDetail, missingNote, outcome } from './nodeText';

/**
 * The tree's rules as nested lists, for reading without the diagram (and for screen readers): each
 * branch states its condition, a leaf what it predicts.
 */
export function TreeOutline({ tree }: { tree: TreeDescription }) {
  const root = tree.nodes[0];
  if (!root) return null;
  const filled = tree.nodes.some((n) => n.rule && n.rule.missingFill !== null);
  return (
    <details className="tree-outline">
      <summary>The rules as text</summary>
      {filled ? <p className="help">Missing values are filled in (by the “Fill missing values” step) before the tree sees them, so a row with a gap follows the branch of its filled-in value.</p> : null}
      <ul aria-label="Tree rules">
        <li>
          All training rows: {detail(root)}
          <Branches tree={tree} index={0} />
        </li>
      </ul>
    </details>
  );
}

function Branches({ tree, index }: { tree: TreeDescription; index: number }) {
  const node = tree.nodes[index];
  if (!node.rule) return null;
  if (!node.children) return <span className="muted"> — {node.hidden} more nodes below, not described here</span>;
  const { rule } = node;
  return (
    <ul>
      {node.children.map((child, side) => {
        const c = tree.nodes[child];
        const condition = side === 0 ? rule.left : rule.right;
        // Filled-in values are said once above; a split that routes missing values itself says so here.
        const missingHere = rule.missingFill === null && (rule.missing === 'left') === (side === 0);
        return (
          <li key={child}>
            <span className="rule">{condition}</span>
            {missingHere ? <span className="muted small"> {missingNote(node)}</span> : null}
            {c.rule ? (
              <>
                : {detail(c)}
                <Branches tree={tree} index={child} />
              </>
            ) : (
              <>
                {' '}
                → <strong>{outcome(c)}</strong> ({leafDetail(c)})
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
