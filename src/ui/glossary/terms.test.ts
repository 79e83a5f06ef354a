import { describe, expect, it } from 'vitest';
import { METRIC_LABELS } from '../../core/evaluate/evaluate';
import { GLOSSARY, termFor } from './terms';

describe('the metrics glossary', () => {
  it('explains every metric a report can show, under the name the studio shows', () => {
    for (const [key, label] of Object.entries(METRIC_LABELS)) {
      expect(termFor(key)?.name, key).toBe(label);
    }
  });

  it('says which way is better for each entry, in words', () => {
    for (const term of Object.values(GLOSSARY)) expect(term.reading).toMatch(/better/);
  });

  it('knows nothing of keys it has no entry for (not even inherited ones)', () => {
    expect(termFor('toString')).toBeUndefined();
    expect(termFor('nope')).toBeUndefined();
  });
});
