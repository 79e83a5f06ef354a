import type { Step } from '../../state/store';

/**
 * A control of the studio a lesson step points at, found the way a person (or a screen reader)
 * finds it: by its ARIA role and accessible name. `name` matches the whole name unless `prefix`
 * (then the name's start). `label` finds a form control by its label (a file input has no role);
 * `lesson` finds `[data-lesson="…"]`, for the few things without a role and name of their own.
 */
export type Control =
  | { readonly role: string; readonly name: string; readonly prefix?: boolean }
  | { readonly label: string }
  | { readonly lesson: string };

/** A bound on a number the lesson waits for; either end may be open. */
export interface Bound {
  readonly atLeast?: number;
  readonly atMost?: number;
}

/**
 * What a step waits for before its explanation shows and Next is offered, as data. State waits are
 * checked against the studio store on every change; page waits (`click`, `shown`, `chosen`) on the
 * page itself, for parts of the studio with a store of their own (the *Learn by doing* lab).
 */
export type Wait =
  /** Nothing to do but read: the explanation shows at once. */
  | { readonly kind: 'read' }
  /** The studio shows this lifecycle screen. */
  | { readonly kind: 'screen'; readonly step: Step }
  /** A data file of this name has been read. */
  | { readonly kind: 'data'; readonly file: string }
  /** This column is the target. */
  | { readonly kind: 'target'; readonly column: string }
  /** Learning without a target, this task. */
  | { readonly kind: 'noTarget'; readonly task: 'clustering' | 'projection' }
  /** This model family is picked on Train (with a setting in bounds, if given). */
  | { readonly kind: 'model'; readonly model: string; readonly param?: ParamBound }
  /** A model of this family has been trained (with a setting in bounds, if given) and is the current one. */
  | { readonly kind: 'trained'; readonly model?: string; readonly param?: ParamBound }
  /** An Evaluate measurement (its card's key: 'size-curve', …) of the current model has a result. */
  | { readonly kind: 'reading'; readonly key: string }
  /** New rows have been predicted on Export. */
  | { readonly kind: 'predicted' }
  /** New data has been monitored against the current model. */
  | { readonly kind: 'monitored' }
  /** Monitor's retrained candidate is ready. */
  | { readonly kind: 'retrained' }
  /** The person activated the step's control (a download, a disclosure). */
  | { readonly kind: 'click' }
  /** Something appeared on the page (an explanation, a chart drawn on request), with exactly `text` if given (a status line). */
  | { readonly kind: 'shown'; readonly control: Control; readonly text?: string }
  /** The step's control is chosen: a radio or checkbox checked, a toggle pressed, or a select showing the option `option`. */
  | { readonly kind: 'chosen'; readonly option?: string };

/** A model setting and the bounds it must be in; `missing` is its value when the report leaves it out (the schema default). */
export interface ParamBound extends Bound {
  readonly key: string;
  readonly missing: number;
}

/**
 * Something the lesson hands the person for a step that needs a file they would not have at hand
 * (new data to predict or to monitor): a button in the lesson's panel that loads a bundled sample
 * into the same action the screen's file picker calls.
 */
export interface Offer {
  readonly label: string;
  /** A file of public/samples. */
  readonly sample: string;
  readonly into: 'predict' | 'monitor';
}

/** One step: where to act, what to do (short), what to wait for, then what appeared and why it matters. */
export interface LessonStep {
  readonly title: string;
  /** The screen the control is on; the panel offers to go there when the studio shows another. */
  readonly screen?: Step;
  readonly control?: Control;
  /** What to do, in a sentence: shown in the panel and beside the control. */
  readonly note: string;
  readonly wait: Wait;
  /** Two or three sentences on what appeared, shown once the wait is over. */
  readonly explain: string;
  readonly offer?: Offer;
}

/** A guided walk-through: plain data, bundled with the studio. */
export interface Lesson {
  /** Stable id: progress is stored under it. */
  readonly id: string;
  readonly title: string;
  /** One line on what it teaches, in the Lessons menu. */
  readonly summary: string;
  readonly steps: readonly LessonStep[];
}
