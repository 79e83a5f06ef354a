import type { ParamSchema, RawParams } from '../../core/params';
import { own } from '../../core/util/keyed';

/** The schema's defaults with the given values over them (no checking: a form shows what was typed). */
export function withDefaults(schema: ParamSchema, params: RawParams): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema).map(([key, spec]) => [key, own(params, key) ?? spec.default]));
}

/** A parameter's value as a few words for a step's one-line summary. */
function valueText(spec: ParamSchema[string], value: unknown): string {
  if (spec.type === 'choice') return spec.options.find((o) => o.value === value)?.label ?? String(value);
  if (spec.type === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length > 3 ? `${value.slice(0, 3).join(', ')} +${value.length - 3}` : value.join(', ');
  return String(value);
}

/**
 * A step's settings in one line for its collapsed row: the parameters set away from their
 * defaults ("Strategy: median · Columns: age, fare"), or "default settings".
 */
export function stepSummary(schema: ParamSchema, params: RawParams): string {
  const parts = Object.entries(schema)
    .filter(([key, spec]) => {
      const value = own(params, key);
      return value !== undefined && JSON.stringify(value) !== JSON.stringify(spec.default) && !(Array.isArray(value) && value.length === 0);
    })
    .map(([key, spec]) => `${spec.label}: ${valueText(spec, own(params, key))}`);
  return parts.length ? parts.join(' · ') : 'default settings';
}
