import { describe, expect, it } from 'vitest';
import { paramShown } from './params';
import { imputeStep } from './prep/impute';

describe('paramShown', () => {
  const schema = imputeStep.schema;

  it('shows the constant for numbers only while the strategy for numbers is Constant', () => {
    // The default strategy is the mean: no constant to set.
    expect(paramShown(schema, 'numericFill', {})).toBe(false);
    expect(paramShown(schema, 'numericFill', { numeric: 'mean' })).toBe(false);
    expect(paramShown(schema, 'numericFill', { numeric: 'median' })).toBe(false);
    expect(paramShown(schema, 'numericFill', { numeric: 'constant' })).toBe(true);
  });

  it('always shows a parameter that depends on nothing', () => {
    expect(paramShown(schema, 'numeric', {})).toBe(true);
    expect(paramShown(schema, 'categorical', { numeric: 'mean' })).toBe(true);
  });
});
