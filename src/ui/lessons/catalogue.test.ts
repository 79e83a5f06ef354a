import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getModelInfo } from '../../core/models/info';
import { STEPS } from '../../state/store';
import { LESSONS } from './catalogue';
import type { Wait } from './types';

/** The sentences of a text (a full stop, question or exclamation mark followed by a space or the end). */
const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).filter((s) => s.trim()).length;

describe('the bundled lessons', () => {
  it('name only models, settings and sample files that exist', () => {
    for (const lesson of LESSONS) {
      for (const step of lesson.steps) {
        const wait: Wait = step.wait;
        if ((wait.kind === 'model' || wait.kind === 'trained') && wait.model !== undefined) {
          const info = getModelInfo(wait.model);
          if (wait.param) expect(Object.keys(info.schema), `${lesson.id}: ${step.title}`).toContain(wait.param.key);
        }
        if (step.offer) expect(existsSync(`public/samples/${step.offer.sample}`), step.offer.sample).toBe(true);
        if (step.screen) expect(STEPS).toContain(step.screen);
      }
    }
  });

  it('explain each step in one to three sentences after a note of one or two', () => {
    for (const lesson of LESSONS) {
      expect(lesson.steps.length).toBeGreaterThanOrEqual(5);
      for (const step of lesson.steps) {
        expect(sentences(step.explain), `${lesson.id}: ${step.title}: ${step.explain}`).toBeGreaterThanOrEqual(1);
        expect(sentences(step.explain), `${lesson.id}: ${step.title}: ${step.explain}`).toBeLessThanOrEqual(3);
        expect(sentences(step.note), `${lesson.id}: ${step.title}`).toBeLessThanOrEqual(2);
        // Every step points at something on the page: the control to use, or what to read.
        expect(step.control, `${lesson.id}: ${step.title}`).toBeDefined();
      }
    }
  });
});
