import type { Baseline } from '../../core/evaluate/baseline';
import type { Metrics } from '../../core/evaluate/evaluate';
import type { TrainReport } from '../../core/train/report';

/** A plain-language reading of train vs test scores: over-, some over-, under-, or no sign of either. */
export interface FitHint {
  readonly verdict: 'overfitting' | 'some-overfitting' | 'underfitting' | 'good';
  /** The verdict in a few words, for the heading: "Overfitting." */
  readonly title: string;
  readonly text: string;
}

/**
 * How far test falls behind training, per metric, as a share of the metric's scale, for
 * "overfitting" and "some overfitting". The scale is what is left to learn above the baseline
 * (accuracy: 1 − the most common class's share), the baseline's own loss or error (log loss,
 * MAE, RMSE: what knowing nothing costs), or R² itself (the mean scores 0, a perfect model 1).
 */
const STRONG = 0.15;
const SOME = 0.05;

/** One metric's gap: its share of the scale, its two values as text, and what more to say when it is wide. */
interface Gap {
  readonly size: number;
  readonly name: string;
  readonly train: string;
  readonly test: string;
  readonly more?: string;
}

/** A gap as evidence: "log loss 0.0000 on training rows but 1.0011 on test rows …". */
function wide(g: Gap): string {
  return `${g.name} ${g.train} on training rows but ${g.test} on test rows${g.more ?? ''}`;
}

/** Gaps that agree, in one parenthesis: "accuracy 95.0% and 94.2%; log loss 0.1200 and 0.1500". */
function agreeing(gaps: readonly Gap[]): string {
  return gaps.map((g) => `${g.name} ${g.train} and ${g.test}`).join('; ');
}

/**
 * The baseline beside the report's scores: the report's own (what a model ignoring the features
 * scores on the test rows), or for a report written before it had one, what the test rows alone
 * give (the most common test class and the test class shares; the test rows' mean), marked so.
 */
export function reportBaseline(report: TrainReport): (Baseline & { readonly fromTestRows?: true }) | null {
  if (report.baseline) return report.baseline;
  const ev = report.evaluation;
  if (ev.kind === 'classification') {
    const counts = ev.confusion.map((row) => row.reduce((a, b) => a + b, 0));
    const total = counts.reduce((a, b) => a + b, 0);
    if (!total) return null;
    const top = counts.indexOf(Math.max(...counts));
    const logLoss = -counts.reduce((sum, c) => (c ? sum + (c / total) * Math.log(c / total) : sum), 0);
    return { predicts: ev.classes[top], metrics: { accuracy: counts[top] / total, log_loss: logLoss, roc_auc: 0.5 }, fromTestRows: true };
  }
  const n = ev.actual.length;
  if (!n) return null;
  const mean = ev.actual.reduce((a, b) => a + b, 0) / n;
  const mae = ev.actual.reduce((a, y) => a + Math.abs(y - mean), 0) / n;
  const rmse = Math.sqrt(ev.actual.reduce((a, y) => a + (y - mean) ** 2, 0) / n);
  return { predicts: mean, metrics: { mae, rmse, r2: 0 }, fromTestRows: true };
}

/** Reads the report's train and test scores, every metric's gap against its scale, and the baseline beside them. */
export function fitHint(report: TrainReport): FitHint {
  const { train, test } = report.metrics;
  const base = reportBaseline(report)?.metrics ?? {};
  return report.task === 'regression' ? regressionHint(train, test, base) : classificationHint(train, test, base, reportBaseline(report)?.predicts);
}

function classificationHint(train: Metrics, test: Metrics, base: Metrics, predicts: string | number | undefined): FitHint {
  const baseAcc = base.accuracy ?? 0;
  const guess = `always guessing “${String(predicts)}”, the most common class (${pct(baseAcc)}${base.log_loss !== undefined ? `, log loss ${dec(base.log_loss)} from the class shares` : ''})`;
  const gaps: Gap[] = [{ size: (train.accuracy - test.accuracy) / Math.max(1 - baseAcc, 0.05), name: 'accuracy', train: pct(train.accuracy), test: pct(test.accuracy) }];
  if (train.log_loss !== undefined && test.log_loss !== undefined && base.log_loss) {
    const ratio = times(train.log_loss, test.log_loss, base.log_loss, 'as much');
    const sure = test.log_loss >= 0.9 * base.log_loss ? `: its probabilities are no better than the class shares, it is confidently wrong on the rows it misses` : '';
    gaps.push({ size: (test.log_loss - train.log_loss) / base.log_loss, name: 'log loss', train: dec(train.log_loss), test: dec(test.log_loss), more: `${ratio}${sure}` });
  }
  if (test.accuracy <= baseAcc + 0.02) {
    if (train.accuracy - test.accuracy >= 0.1) return over('overfitting', `It scores ${wide(gaps[0])}, no better than ${guess}: it learned its training rows by heart. Regularise more, simplify it, or get more data.`);
    return { verdict: 'underfitting', title: 'Underfitting.', text: `Test accuracy (${pct(test.accuracy)}) is no better than ${guess}: the model is underfitting. Try a more flexible model or more informative features.` };
  }
  return judge(gaps, `Training and test agree (${agreeing(gaps)}), well above ${guess}.`, `For comparison: ${guess}.`);
}

function regressionHint(train: Metrics, test: Metrics, base: Metrics): FitHint {
  const mean = base.r2 !== undefined ? `Predicting the mean for every row scores R² ${dec(base.r2, 2)}${base.mae !== undefined ? `, MAE ${num(base.mae)}` : ''}${base.rmse !== undefined ? `, RMSE ${num(base.rmse)}` : ''}` : '';
  const share = test.r2 > 0 ? `; the model removes ${Math.round(test.r2 * 100)}% of the squared error of predicting the mean${test.r2 < 0.6 ? `, so much of the variation is left unexplained` : ''}` : '; the model does no better than predicting the mean';
  const comparison = mean ? ` ${mean} on the test rows (R² ${dec(test.r2, 2)} for the model${test.mae !== undefined ? `, MAE ${num(test.mae)}` : ''})${share}.` : '';
  if (test.r2 < 0.1 && train.r2 < 0.2) {
    return { verdict: 'underfitting', title: 'Underfitting.', text: `The model explains little of the target (R² ${dec(test.r2, 2)} on test, ${dec(train.r2, 2)} on training): it is underfitting. Try a more flexible model or more informative features.${comparison}` };
  }
  const gaps: Gap[] = [{ size: train.r2 - test.r2, name: 'R²', train: dec(train.r2, 2), test: dec(test.r2, 2) }];
  for (const key of ['mae', 'rmse'] as const) {
    if (train[key] === undefined || test[key] === undefined || !base[key]) continue;
    const ratio = times(train[key], test[key], base[key], 'as large');
    gaps.push({ size: (test[key] - train[key]) / base[key], name: key.toUpperCase(), train: num(train[key]), test: num(test[key]), more: ratio });
  }
  return judge(gaps, `Training and test agree (${agreeing(gaps)}).${comparison}`, comparison.trim());
}

/** The verdict from the widest gap: overfitting, some overfitting, or none (`agree` then says so). */
function judge(gaps: readonly Gap[], agree: string, comparison: string): FitHint {
  const widest = [...gaps].sort((a, b) => b.size - a.size);
  const flagged = widest.filter((g) => g.size >= SOME);
  if (!flagged.length) return { verdict: 'good', title: 'No sign of overfitting.', text: agree };
  const evidence = `The model scores ${flagged.map(wide).join('; ')}.`;
  if (widest[0].size >= STRONG) return over('overfitting', `${evidence} It does much better on the rows it learned from: it is overfitting. Regularise more, simplify it, or get more data. ${comparison}`);
  return over('some-overfitting', `${evidence} A gap this size says it learned its training rows better than new ones; a little more regularisation may help. ${comparison}`);
}

function over(verdict: 'overfitting' | 'some-overfitting', text: string): FitHint {
  return { verdict, title: verdict === 'overfitting' ? 'Overfitting.' : 'Some overfitting.', text: text.trim() };
}

/** " (2.4 times as large)": the ratio of test to training, when training is not so near 0 that the ratio says nothing. */
function times(train: number, test: number, scale: number, words: string): string {
  return train >= 0.01 * scale ? ` (${(test / train).toFixed(1)} times ${words})` : '';
}

function pct(v: number): string {
  return `${(v * 100).toFixed(1)}%`;
}

/** A fixed number of decimals, without "-0.00" for a baseline R² a hair below zero. */
function dec(v: number, digits = 4): string {
  return (Math.abs(v) < 0.5 * 10 ** -digits ? 0 : v).toFixed(digits);
}

/** An error in the target's units: 4 significant digits. */
function num(v: number): string {
  return String(Number(v.toPrecision(4)));
}
