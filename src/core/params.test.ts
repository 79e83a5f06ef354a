import { describe, expect, it } from 'vitest';
import { paramShown, parseParamText, resolveParams } from './params';
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

describe('text parameters', () => {
  const schema = { expression: { type: 'text', label: 'Formula', default: '', maxLength: 10, help: '' } } as const;

  it('take a string up to their length limit, from a file and from --param', () => {
    expect(resolveParams(schema, { expression: 'a / b' }).expression).toBe('a / b');
    expect(resolveParams(schema, {}).expression).toBe('');
    expect(parseParamText(schema, 'expression=x == 1', 'step "formula"')).toEqual(['expression', 'x == 1']);
  });

  it('refuse anything else with a message naming the parameter', () => {
    expect(() => resolveParams(schema, { expression: 3 }, 'step "formula"')).toThrow('step "formula": expression must be text, got 3');
    expect(() => resolveParams(schema, { expression: 'a'.repeat(11) }, 'step "formula"')).toThrow('step "formula": expression is 11 characters long, more than the 10 allowed');
  });
});
