import { describe, expect, it } from 'vitest';
import type { AutoReport, LeaderboardRow } from '../../core/train/report';
import { autoPlain, autoReason } from './autoReason';

const row = (model: string, label: string, score: number): LeaderboardRow => ({ model, label, metrics: { accuracy: { mean: score, std: 0.01, folds: [] } } as unknown as LeaderboardRow['metrics'], score, ms: 10 });
const report = (winner: AutoReport['winner'], leaderboard: LeaderboardRow[], rescored: AutoReport['rescored'] = []): AutoReport => ({ metric: 'accuracy', budget_s: 60, folds: 3, leaderboard, trials: [], winner, rescored, explanation: '', stop_reason: '' });

describe('autoReason', () => {
  it("says plainly when a simple model's defaults won within a standard error of a better score, naming that score", () => {
    const auto = report({ model: 'logistic', params: {}, score: 0.9891, std: 0.0089 }, [row('svm', 'Linear SVM', 0.9928), row('logistic', 'Logistic regression', 0.9891)]);
    expect(autoReason(auto)).toBe('That is a simple model, untuned: nothing Auto tried did clearly better. Why: its score is within one standard error of the best (Linear SVM, 0.9928), a lead too small to be real, and it is the simpler, more robust choice.');
  });

  it('says a tuned winner had the best score, counting the families compared (not the average of the leaders)', () => {
    const auto = report(
      { model: 'gbdt', params: { learning_rate: 0.2 }, score: 0.95, std: 0.01 },
      [row('gbdt', 'Gradient boosting', 0.93), row('ensemble', 'Ensemble', 0.94), row('tree', 'Decision tree', 0.9)],
      [{ model: 'gbdt', params: { learning_rate: 0.2 }, searched: 0.96, score: 0.95, std: 0.01 }],
    );
    expect(autoReason(auto)).toBe('Why: it had the best cross-validated score of the 2 models compared once tuned.');
  });
});

describe('autoPlain', () => {
  it('says what was chosen and how well in plain words, with no standard errors', () => {
    const auto = report({ model: 'logistic', params: {}, score: 0.9891, std: 0.0089 }, [row('svm', 'Linear SVM', 0.9928), row('logistic', 'Logistic regression', 0.9891)]);
    expect(autoPlain(auto)).toBe('Auto chose Logistic regression: it predicted about 99% of held-back rows right, no model Auto tried did clearly better, and this one is simpler.');
  });

  it('names a plain best, counting the families compared, and speaks of spread explained for R²', () => {
    const auto = { ...report({ model: 'gbdt', params: {}, score: 0.52, std: 0.03 }, [row('gbdt', 'Gradient boosting', 0.52), row('ensemble', 'Ensemble', 0.5), row('linear', 'Linear regression', 0.48)]), metric: 'r2' as const };
    expect(autoPlain(auto)).toBe('Auto chose Gradient boosting: its predictions explain about 52% of the spread of the target on held-back rows, the best of the 2 models compared.');
  });
});
