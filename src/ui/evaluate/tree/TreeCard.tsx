import { useId } from 'react';
import type { TreeDescription } from '../../../core/models/trees/describe';
import { showTree } from '../../../state/actions';
import { fmt } from '../../format';
import { useStudio } from '../../useStudio';
import { classColour, valueRange } from './colours';
import { TreeDiagram } from './TreeDiagram';
import { TreeOutline } from './TreeOutline';

/** Headings by model family. */
const HEADINGS: Record<string, string> = { tree: 'How the tree decides', forest: 'One tree of the forest', gbdt: 'One tree of the boosting' };

/** The Evaluate screen's tree: a picker for ensembles, what the colours mean, the diagram and its rules as text. */
export function TreeCard() {
  const model = useStudio((s) => s.current?.model);
  const tree = useStudio((s) => s.tree);
  const titleId = useId();
  if (!model || !tree) return null;
  return (
    <section className="card tree-card" aria-labelledby={titleId}>
      <div className="card-head">
        <h3 id={titleId}>{HEADINGS[model] ?? 'A tree of the model'}</h3>
        {tree.count > 1 ? (
          <div className="tree-which">
            <span className="muted" aria-live="polite">
              {tree.title}
            </span>
            <TreePicker tree={tree} />
          </div>
        ) : null}
      </div>
      <p className="help">{intro(model, tree)}</p>
      {tree.shownDepth < tree.depth ? (
        <p className="note-warn small">
          This tree has {tree.totalNodes.toLocaleString('en-US')} nodes, {tree.depth} levels deep; the first {tree.shownDepth} levels can be drawn here. A smaller “Maximum depth” in the Train settings gives a tree you can
          read whole.
        </p>
      ) : null}
      {tree.note ? <p className="note-warn small">{tree.note}</p> : null}
      <Legend tree={tree} />
      <TreeDiagram key={tree.index} tree={tree} />
      <TreeOutline tree={tree} />
    </section>
  );
}

function intro(model: string, tree: TreeDescription): string {
  const follow = 'Each box asks a question about a row; the row follows the “yes” or “no” branch down to a leaf.';
  if (tree.output === 'score') return `${follow} A boosting tree is one small correction: the leaf’s score is added to ${tree.scoreMeaning}, and so are the scores from every other round’s trees.`;
  const forest = model === 'forest' ? ` The forest averages ${tree.count} trees like this one, each grown on its own sample of the rows.` : '';
  if (tree.output === 'value') return `${follow} The leaf predicts the mean of its training rows; branches are as wide as the rows that take them.${forest}`;
  return `${follow} The leaf predicts its most common class; the bar in each box shows the mix of classes, and branches are as wide as the rows that take them.${forest}`;
}

/** What the node colours mean. */
function Legend({ tree }: { tree: TreeDescription }) {
  if (tree.output === 'class') {
    return (
      <ul className="legend" aria-label="Class colours">
        {tree.classes.map((c, k) => (
          <li key={c}>
            <span className="swatch" style={{ background: classColour(k) }} aria-hidden />
            {c}
          </li>
        ))}
        <li className="muted">stronger colour = purer box</li>
      </ul>
    );
  }
  const { min, max } = valueRange(tree);
  return (
    <p className="legend muted small">
      {tree.output === 'value' ? `Darker boxes predict higher values (from ${fmt(min)} to ${fmt(max)}).` : 'Orange boxes raise the score, blue ones lower it; stronger colour, larger change.'}
    </p>
  );
}

/** Moves between the trees of a forest or a boosting model. */
function TreePicker({ tree }: { tree: TreeDescription }) {
  const id = useId();
  const go = (index: number) => {
    if (Number.isInteger(index) && index >= 0 && index < tree.count && index !== tree.index) void showTree(index);
  };
  return (
    <div className="tree-picker">
      <button type="button" onClick={() => go(tree.index - 1)} disabled={tree.index === 0} aria-label="Previous tree">
        ‹
      </button>
      <label htmlFor={id}>Tree</label>
      <input id={id} type="number" min={1} max={tree.count} value={tree.index + 1} onChange={(e) => go(e.target.valueAsNumber - 1)} />
      <span className="muted small">of {tree.count}</span>
      <button type="button" onClick={() => go(tree.index + 1)} disabled={tree.index === tree.count - 1} aria-label="Next tree">
        ›
      </button>
    </div>
  );
}
