import type { ModelTask, Task } from './problem';
import type { ColumnKind } from './table/column';
import { SaplingError } from './util/errors';
import { hasOwn, own } from './util/keyed';

/**
 * Parameter schemas. Every step and model declares its parameters once, with defaults, ranges and
 * help text; the studio draws its forms from them, the CLI parses `--param key=value` with them, and
 * (later) the tuner reads their ranges.
 */

interface ParamBase {
  /** Short label for forms. */
  readonly label: string;
  /** One or two sentences a student can read: what it does and when to change it. */
  readonly help: string;
  /** Where a tuner searches, for parameters worth tuning (see `TuneRange`); untuned otherwise. */
  readonly tune?: TuneRange;
  /**
   * Shown in forms only while another parameter of the schema has one of these values (a fill
   * value only for the "constant" strategy). The value is still resolved and saved either way.
   */
  readonly shownWhen?: { readonly param: string; readonly values: readonly (string | number | boolean)[] };
  /**
   * The tasks the parameter acts on, when not all of the family's (a tree's split criterion is
   * for classification only): forms, tuners and curves leave it out for the others.
   */
  readonly tasks?: readonly Task[];
}

/** Whether a parameter acts on `task` (see `ParamBase.tasks`). */
export function appliesTo(spec: ParamSpec, task: ModelTask): boolean {
  return !spec.tasks || (spec.tasks as readonly ModelTask[]).includes(task);
}

/**
 * A parameter's search range: `true` for all of it (a number's min to max, every option, both
 * booleans), a narrower interval (log-scaled for rates and penalties), or the values to try.
 */
export type TuneRange = true | { readonly min: number; readonly max: number; readonly log?: boolean } | { readonly values: readonly (number | string | boolean)[] };

/** A number, optionally an integer, within [min, max]. */
export interface NumberParam extends ParamBase {
  readonly type: 'number';
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  /** Suggests a log scale to tuners and sliders (learning rates, regularisation). */
  readonly log?: boolean;
  /**
   * A value that switches the setting off rather than setting an amount (a tree's maximum depth 0
   * is no limit at all): curves show it apart from the number line, under `label`, never as "0".
   */
  readonly off?: { readonly value: number; readonly label: string };
}

/** One of a fixed set of string options. */
export interface ChoiceParam<V extends string = string> extends ParamBase {
  readonly type: 'choice';
  readonly default: V;
  readonly options: readonly { readonly value: V; readonly label: string }[];
}

/** On or off. */
export interface BooleanParam extends ParamBase {
  readonly type: 'boolean';
  readonly default: boolean;
}

/** A set of column names (chosen from the data). */
export interface ColumnsParam extends ParamBase {
  readonly type: 'columns';
  readonly default: readonly string[];
}

/** A set of column kinds (a step's column selector by kind; empty = every kind the step handles). */
export interface KindsParam extends ParamBase {
  readonly type: 'kinds';
  readonly default: readonly ColumnKind[];
  /** The kinds a form offers: those the step handles. */
  readonly options: readonly ColumnKind[];
}

/** Any parameter. */
export type ParamSpec = NumberParam | ChoiceParam | BooleanParam | ColumnsParam | KindsParam;

/** Parameters by name. */
export type ParamSchema = Readonly<Record<string, ParamSpec>>;

/** The value type a parameter spec holds. */
export type ParamValue<P extends ParamSpec> = P extends NumberParam
  ? number
  : P extends ChoiceParam<infer V>
    ? V
    : P extends BooleanParam
      ? boolean
      : P extends KindsParam
        ? readonly ColumnKind[]
        : readonly string[];

/** The resolved parameter values of a schema, every key present. */
export type ParamsOf<S extends ParamSchema> = { readonly [K in keyof S]: ParamValue<S[K]> };

/** Parameter values as they travel in recipes and files, before they are checked. */
export type RawParams = Readonly<Record<string, unknown>>;

/**
 * Fills defaults and checks every given value against the schema. `owner` names the step or model
 * in error messages. Unknown keys are an error that lists the known ones.
 */
export function resolveParams<S extends ParamSchema>(schema: S, given: RawParams = {}, owner = 'parameters'): ParamsOf<S> {
  // Own keys only: `in` would take `constructor` or `__proto__` for parameters of every schema.
  for (const key of Object.keys(given)) {
    if (!hasOwn(schema, key)) {
      throw new SaplingError(
        'unknown-param',
        `${owner} has no parameter "${key}" (known: ${Object.keys(schema).join(', ') || 'none'})`,
      );
    }
  }
  const out = Object.entries(schema).map(([key, spec]): [string, unknown] => {
    const value = own(given, key);
    return [key, value !== undefined ? checkValue(spec, value, `${owner}: ${key}`) : spec.default];
  });
  return Object.fromEntries(out) as ParamsOf<S>;
}

function checkValue(spec: ParamSpec, value: unknown, where: string): unknown {
  switch (spec.type) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new SaplingError('bad-param', `${where} must be a number, got ${JSON.stringify(value)}`);
      if (spec.integer && !Number.isInteger(value)) throw new SaplingError('bad-param', `${where} must be a whole number, got ${value}`);
      if (spec.min !== undefined && value < spec.min) throw new SaplingError('bad-param', `${where} must be at least ${spec.min}, got ${value}`);
      if (spec.max !== undefined && value > spec.max) throw new SaplingError('bad-param', `${where} must be at most ${spec.max}, got ${value}`);
      return value;
    }
    case 'choice': {
      if (!spec.options.some((o) => o.value === value)) {
        throw new SaplingError('bad-param', `${where} must be one of ${spec.options.map((o) => o.value).join(', ')}, got ${JSON.stringify(value)}`);
      }
      return value;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw new SaplingError('bad-param', `${where} must be true or false, got ${JSON.stringify(value)}`);
      return value;
    case 'columns':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
        throw new SaplingError('bad-param', `${where} must be a list of column names`);
      }
      return [...value];
    case 'kinds':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && spec.options.includes(v as ColumnKind))) {
        throw new SaplingError('bad-param', `${where} must be a list of column kinds among ${spec.options.join(', ')}, got ${JSON.stringify(value)}`);
      }
      return [...value];
  }
}

/** Whether a form shows parameter `key`: always, or while the parameter it depends on has one of its values (defaults filled). */
export function paramShown(schema: ParamSchema, key: string, values: RawParams): boolean {
  const when = own(schema, key)?.shownWhen;
  if (!when) return true;
  const value = own(values, when.param) ?? own(schema, when.param)?.default;
  return when.values.some((v) => v === value);
}

/**
 * Parses `key=value` text (the CLI's `--param`) into a typed value for the schema: numbers for number
 * parameters, true/false for booleans, comma-separated names for column lists.
 */
export function parseParamText(schema: ParamSchema, text: string, owner: string): [string, unknown] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new SaplingError('bad-param', `--param expects key=value, got "${text}"`);
  const key = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  const spec = own(schema, key);
  if (!spec) throw new SaplingError('unknown-param', `${owner} has no parameter "${key}" (known: ${Object.keys(schema).join(', ')})`);
  switch (spec.type) {
    case 'number': {
      const v = Number(raw);
      if (raw === '' || !Number.isFinite(v)) throw new SaplingError('bad-param', `${owner}: ${key} must be a number, got "${raw}"`);
      return [key, v];
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw new SaplingError('bad-param', `${owner}: ${key} must be true or false, got "${raw}"`);
      return [key, raw === 'true'];
    case 'choice':
      return [key, raw];
    case 'columns':
    case 'kinds':
      return [key, raw ? raw.split(',').map((s) => s.trim()) : []];
  }
}
