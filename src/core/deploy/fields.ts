import type { AnyModelFile } from '../artifact/modelFile';
import type { DataProfile } from '../profile/profile';
import type { ColumnKind } from '../table/column';
import { keyed, own } from '../util/keyed';

/**
 * One field of the prediction page's form: an input column of the model with what is known of its
 * training values, so the form can say "39.1 (trained on 32.1 – 59.6)" and offer the categories the
 * model saw.
 */
export interface PageField {
  readonly name: string;
  readonly kind: ColumnKind;
  /** The smallest and largest training value, when known (the studio's profile, or min–max scaling). */
  readonly min?: number;
  readonly max?: number;
  /** Mean and standard deviation of the training split, when standard scaling learned them. */
  readonly mean?: number;
  readonly std?: number;
  /** Where min/max or mean/std come from, said to the reader of the page. */
  readonly rangeSource?: 'data' | 'scaling';
  /** The categories the model knows (one-hot encoding), or the top values of the data. */
  readonly choices?: readonly string[];
  /** True when the model lumps categories beyond `choices` together: any other text is allowed too. */
  readonly otherChoices?: boolean;
  /** The value the form starts with: a sample row's, else the fill the model uses for a missing value. */
  readonly initial: string;
}

/** What the studio knows of a column beyond the model file: its profile and a sample value. */
export interface ColumnHint {
  readonly min?: number;
  readonly max?: number;
  /** The most frequent values (categorical and boolean columns). */
  readonly top?: readonly string[];
  /** A value from a training row, as the CSV wrote it. */
  readonly sample?: string;
}

/**
 * Hints for the model's inputs from a profile of the data it was trained on and that data's first
 * row (`columns` and `row` as display strings, as the studio's preview and `formatCell` give them):
 * a numeric column's range, a coded column's most frequent values, the row's value.
 */
export function profileHints(inputs: readonly { readonly name: string; readonly kind: ColumnKind }[], profile: Pick<DataProfile, 'columns'>, first?: { readonly columns: readonly string[]; readonly row: readonly string[] }): Record<string, ColumnHint> {
  const hints = keyed<ColumnHint>();
  for (const input of inputs) {
    const column = profile.columns.find((c) => c.name === input.name);
    const j = first ? first.columns.indexOf(input.name) : -1;
    const sample = first && j >= 0 ? first.row[j] : undefined;
    hints[input.name] = {
      ...(input.kind === 'numeric' && isFiniteNumber(column?.min) && isFiniteNumber(column?.max) ? { min: column.min, max: column.max } : {}),
      ...(column?.top?.length ? { top: column.top.map((t) => t.value) } : {}),
      ...(sample !== undefined ? { sample } : {}),
    };
  }
  return hints;
}

interface Encoding {
  readonly kind?: string;
  readonly categories?: readonly string[];
  readonly other?: boolean;
}

/**
 * The form fields of a model file's inputs. A model file holds no data profile, so ranges and
 * categories are read from the fitted pipeline: min–max scaling's offset and scale are the training
 * minimum and range, standard scaling's the mean and standard deviation, one-hot encoding's the
 * categories, imputation's the fill for a missing value. `hints` (the studio's profile of the data the
 * model was trained on) take precedence where given.
 */
export function pageFields(file: AnyModelFile, hints: Readonly<Record<string, ColumnHint>> = {}): PageField[] {
  const fills = new Map<string, number | string>();
  const scales = new Map<string, { offset: number; scale: number; method: string }>();
  const encodings = new Map<string, Encoding>();
  for (const step of file.pipeline.steps) {
    const state = step.state as Record<string, unknown> | null;
    if (step.step === 'impute') eachOwn(state?.fills, (name, v) => (typeof v === 'number' || typeof v === 'string') && !fills.has(name) && fills.set(name, v));
    if (step.step === 'scale') {
      const method = String((step.params as Record<string, unknown>).method ?? 'standard');
      eachOwn(state?.columns, (name, v) => {
        const s = v as { offset?: unknown; scale?: unknown };
        if (!scales.has(name) && typeof s.offset === 'number' && typeof s.scale === 'number') scales.set(name, { offset: s.offset, scale: s.scale, method });
      });
    }
    if (step.step === 'one-hot') eachOwn(state?.columns, (name, v) => !encodings.has(name) && encodings.set(name, v as Encoding));
  }
  return file.inputSchema.map((input) => {
    const hint = own(hints, input.name);
    const fill = fills.get(input.name);
    const field: { -readonly [K in keyof PageField]: PageField[K] } = { name: input.name, kind: input.kind, initial: '' };
    if (input.kind === 'numeric') {
      const scale = scales.get(input.name);
      if (scale?.method === 'minmax') Object.assign(field, { min: scale.offset, max: scale.offset + scale.scale, rangeSource: 'scaling' });
      else if (scale?.method === 'standard') Object.assign(field, { mean: scale.offset, std: scale.scale, rangeSource: 'scaling' });
      if (isFiniteNumber(hint?.min) && isFiniteNumber(hint?.max)) Object.assign(field, { min: hint.min, max: hint.max, rangeSource: 'data' });
      field.initial = hint?.sample ?? (typeof fill === 'number' ? String(roundForForm(fill)) : field.mean !== undefined ? String(roundForForm(field.mean)) : '');
    } else if (input.kind === 'categorical') {
      const encoding = encodings.get(input.name);
      const known = encoding?.categories?.filter((c) => typeof c === 'string');
      field.choices = known ?? hint?.top ?? [];
      field.otherChoices = known ? encoding?.other === true : true;
      field.initial = hint?.sample ?? (typeof fill === 'string' ? fill : (field.choices[0] ?? ''));
    } else if (input.kind === 'boolean') {
      // The form's choices are true / false / empty; a sample is spelled as its file had it (no, 0).
      const sample = hint?.sample?.trim().toLowerCase();
      const fromSample = sample === undefined ? undefined : /^(true|yes|1)$/.test(sample) ? 'true' : /^(false|no|0)$/.test(sample) ? 'false' : '';
      field.initial = fromSample ?? (fill === 1 ? 'true' : fill === 0 ? 'false' : '');
    } else {
      field.initial = hint?.sample ?? '';
    }
    return field;
  });
}

/** Calls `fn` for each own property of a plain object (state keyed by column names has no prototype). */
function eachOwn(record: unknown, fn: (name: string, value: unknown) => unknown): void {
  if (typeof record !== 'object' || record === null) return;
  for (const name of Object.keys(record)) fn(name, (record as Record<string, unknown>)[name]);
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** A mean such as 43.83571428571432 shown as 43.8357: enough digits for a form's starting value. */
function roundForForm(x: number): number {
  return Number(x.toPrecision(6));
}
