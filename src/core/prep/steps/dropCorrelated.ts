import { type StepDefinition, columnsParam, kindsParam } from '../step';
import { dropCorrelated } from './selection/correlated';
import { SELECTION_KINDS, judgedColumns, jsonScores, namesAt } from './selection/input';
import { type DropCorrelatedState, dropCorrelatedTransform } from './dropCorrelated.transform';

const schema = {
  threshold: {
    type: 'number',
    label: '|r| above',
    default: 0.95,
    min: 0,
    max: 1,
    help: 'Two columns whose Pearson correlation on the training rows is above this (either sign) carry nearly the same information: one of them is dropped.',
  },
  columns: columnsParam('numeric or 0/1'),
  kinds: kindsParam(SELECTION_KINDS),
} as const;

/**
 * Drops one column of each highly correlated pair (|Pearson r| above the threshold on the training
 * rows), keeping the one more related to the target: |r| with it for a numeric target, the ANOVA
 * F for classes. Columns are visited from the most related down (ties, and every column without a
 * target, in table order), each kept unless it correlates above the threshold with one already
 * kept; so without a target the later column of a pair goes. Needs complete values.
 */
export const dropCorrelatedStep: StepDefinition<typeof schema, DropCorrelatedState> = {
  id: 'drop-correlated',
  label: 'Drop correlated columns',
  help: 'Of two numeric columns that move together (|r| above the threshold), keeps the one more related to the target and drops the other: fewer, less redundant inputs. Without a target, the later column goes.',
  schema,
  checkState: dropCorrelatedTransform.checkState,
  fit(table, params, context) {
    const { names, cols } = judgedColumns(table, params.columns, params.kinds, 'drop-correlated', true);
    const target = context.target ? { y: context.target.y, classes: context.target.task === 'regression' ? 0 : context.target.classes.length } : null;
    const result = dropCorrelated(cols, params.threshold, target);
    return {
      columns: names,
      kept: namesAt(names, result.kept),
      scores: target ? jsonScores(result.relevance) : names.map(() => null),
      dropped: result.dropped.map((d) => ({ column: names[d.column], because: names[d.because], r: Math.max(-1, Math.min(1, d.r)) })),
    };
  },
  transform: (table, _params, state) => dropCorrelatedTransform.transform(table, state),
};
