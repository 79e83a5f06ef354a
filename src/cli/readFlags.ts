import { TEXT_ENCODINGS, type TextEncoding } from '../core/ingest/decode';
import type { ReadSettings } from '../core/ingest/reader';
import { SaplingError } from '../core/util/errors';
import { own } from '../core/util/keyed';

/** The reading flags every command that takes a CSV accepts. */
export const READ_FLAGS = {
  delimiter: { type: 'string' },
  encoding: { type: 'string' },
  decimal: { type: 'string' },
  header: { type: 'string' },
  ragged: { type: 'string' },
  sample: { type: 'string' },
} as const;

export const READ_FLAGS_HELP = `reading the CSV (detected when not given):
  --delimiter ,|;|tab|pipe   field delimiter
  --encoding E               utf-8, utf-16le, utf-16be or windows-1252 (Latin-1)
  --decimal .|,              decimal separator of numbers
  --header yes|no            whether the first row names the columns
  --ragged drop|pad          rows with the wrong number of fields (default: drop)
  --sample N | random:N      read only the first N rows, or N rows at random`;

const DELIMITERS: Record<string, string> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\\t': '\t', '|': '|', pipe: '|' };

/** Read settings from the flags; an error names the flag and what it accepts. */
export function readSettingsFrom(values: Partial<Record<keyof typeof READ_FLAGS, string>>): ReadSettings {
  const settings: { -readonly [K in keyof ReadSettings]: ReadSettings[K] } = {};
  if (values.delimiter !== undefined) {
    const d = own(DELIMITERS, values.delimiter);
    if (!d) throw new SaplingError('bad-option', `--delimiter must be one of , ; tab pipe, got "${values.delimiter}"`);
    settings.delimiter = d;
  }
  if (values.encoding !== undefined) {
    const e = values.encoding.toLowerCase().replace(/^latin-?1$|^iso-8859-1$/, 'windows-1252').replace(/^utf8$/, 'utf-8');
    if (!TEXT_ENCODINGS.includes(e as TextEncoding)) throw new SaplingError('bad-option', `--encoding must be one of ${TEXT_ENCODINGS.join(', ')}, got "${values.encoding}"`);
    settings.encoding = e as TextEncoding;
  }
  if (values.decimal !== undefined) {
    if (values.decimal !== '.' && values.decimal !== ',') throw new SaplingError('bad-option', `--decimal must be . or , got "${values.decimal}"`);
    settings.decimal = values.decimal;
  }
  if (values.header !== undefined) {
    if (!['yes', 'no', 'true', 'false'].includes(values.header)) throw new SaplingError('bad-option', `--header must be yes or no, got "${values.header}"`);
    settings.header = values.header === 'yes' || values.header === 'true';
  }
  if (values.ragged !== undefined) {
    if (values.ragged !== 'drop' && values.ragged !== 'pad') throw new SaplingError('bad-option', `--ragged must be drop or pad, got "${values.ragged}"`);
    settings.ragged = values.ragged;
  }
  if (values.sample !== undefined) {
    const m = /^(random:)?(\d+)$/.exec(values.sample);
    if (!m || Number(m[2]) < 1) throw new SaplingError('bad-option', `--sample must be N or random:N (a whole number of rows), got "${values.sample}"`);
    settings.sample = { mode: m[1] ? 'random' : 'head', rows: Number(m[2]) };
  }
  return settings;
}
