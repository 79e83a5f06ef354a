import { checkArray, checkObject, checkString, fail } from '../../util/check';
import type { StateCheckContext } from '../stateCheck';
import type { FittedModel } from '../model';

/** The fitted state of an ensemble: each member's whole fitted model (family, parameters, state). */
export interface EnsembleState {
  readonly members: readonly FittedModel[];
}

/**
 * The state check of the ensemble: at least one member, each a whole fitted model of a family the
 * ensemble can hold (never another ensemble, so nesting stays one level deep), checked through its
 * own family's rules, and predicting what the ensemble predicts (task, classes, features).
 */
export function ensembleStateCheck(memberIds: readonly string[]) {
  return (x: unknown, ctx: StateCheckContext): void => {
    const state = checkObject(x, ctx.path);
    const members = checkArray(state.members, `${ctx.path}.members`);
    if (members.length === 0) fail(`${ctx.path}.members`, 'the ensemble holds no members');
    members.forEach((item, i) => {
      const at = `${ctx.path}.members[${i}]`;
      const member = checkObject(item, at);
      checkString(member.model, `${at}.model`, memberIds);
      if (member.task !== ctx.task) fail(`${at}.task`, `is ${JSON.stringify(member.task)} where the ensemble's is "${ctx.task}"`);
      if (member.nFeatures !== ctx.nFeatures) fail(`${at}.nFeatures`, `is ${JSON.stringify(member.nFeatures)} where the ensemble's is ${ctx.nFeatures}`);
      const classes = checkArray(member.classes, `${at}.classes`, ctx.classNames.length);
      if (classes.some((c, k) => c !== ctx.classNames[k])) fail(`${at}.classes`, 'differ from the ensemble\'s classes');
      ctx.checkModel(member, at);
    });
  };
}
