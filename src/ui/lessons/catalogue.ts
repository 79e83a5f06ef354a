import { labLesson } from './labLesson';
import type { Lesson, LessonStep } from './types';

/**
 * The bundled lessons, as data. Each drives the real studio on the Palmer penguins sample (the
 * Data screen's own sample button); the controls are named as the README's list of accessible
 * names and e2e/lessons.spec.ts walks every lesson through them.
 */

const PENGUINS = 'penguins.csv';

/** The steps most lessons start with: the penguins sample, then the Problem screen. */
function loadPenguins(why: string): LessonStep[] {
  return [loadStep(why), OPEN_PROBLEM];
}

/** Loading the penguins sample on Data. */
function loadStep(why: string): LessonStep {
  return {
    title: 'Load the penguins',
    screen: 'data',
    control: { role: 'button', name: 'Palmer penguins', prefix: true },
    note: 'Press “Palmer penguins” to load the sample data.',
    wait: { kind: 'data', file: PENGUINS },
    explain: `344 penguins from three islands of Antarctica, one row each, were read in this browser. ${why}`,
  };
}

/** Opening the Problem screen. */
const OPEN_PROBLEM: LessonStep = {
  title: 'Open the Problem step',
  control: { role: 'tab', name: 'Problem' },
  note: 'Open the Problem step: this is where you say what to learn.',
  wait: { kind: 'screen', step: 'problem' },
  explain: 'The steps along the top are the lifecycle of a model, left to right. A step opens once the ones before it have what it needs.',
};

/** Choosing `column` as the target on Problem. */
function chooseTarget(column: string, explain: string): LessonStep {
  return { title: `Predict “${column}”`, screen: 'problem', control: { role: 'combobox', name: 'Target' }, note: `Choose “${column}” as the Target.`, wait: { kind: 'target', column }, explain };
}

/** Opening a lifecycle step by its tab. */
function open(step: 'train' | 'evaluate' | 'export' | 'monitor', explain: string): LessonStep {
  const name = step[0].toUpperCase() + step.slice(1);
  return { title: `Open ${name}`, control: { role: 'tab', name }, note: `Open the ${name} step.`, wait: { kind: 'screen', step }, explain };
}

/** Pressing Train and waiting for the model (of family `model`, with a setting in bounds). */
function train(explain: string, wait: LessonStep['wait'] = { kind: 'trained' }): LessonStep {
  return { title: 'Train', screen: 'train', control: { role: 'button', name: 'Train' }, note: 'Press Train and watch it learn.', wait, explain };
}

const firstClassifier: Lesson = {
  id: 'first-classifier',
  title: 'Your first classifier',
  summary: 'Penguins: read the data, choose what to predict, train, read the confusion matrix, export.',
  steps: [
    loadStep('Before any model, look at what you have.'),
    {
      title: 'Read the profile',
      screen: 'data',
      control: { role: 'table', name: 'Column profile' },
      note: 'Read the column profile: each column’s type, missing values and spread.',
      wait: { kind: 'read' },
      explain: 'Some columns are numbers (bill and flipper lengths, body mass), some are categories (species, island, sex). A few penguins were not measured: the missing values are counted here and filled in before training.',
    },
    OPEN_PROBLEM,
    chooseTarget('species', 'Three species, so this is multiclass classification: the model learns to tell Adelie, Chinstrap and Gentoo apart from the other columns. The bars show how many penguins of each species there are.'),
    open('train', 'Sapling proposed a model for this task: logistic regression, a quick and dependable first choice. Prepare (skipped here) filled missing values and scaled the numbers for it.'),
    train('The model learned from 80% of the penguins and was tested on the 20% it never saw. The score beside the button is the share of those test penguins it got right.'),
    open('evaluate', 'Evaluate shows how good the model is on the rows kept aside, and where it goes wrong.'),
    {
      title: 'Read the confusion matrix',
      screen: 'evaluate',
      control: { role: 'table', name: 'Confusion matrix' },
      note: 'Read the confusion matrix: rows are the true species, columns what the model said.',
      wait: { kind: 'read' },
      explain: 'The diagonal counts the penguins the model got right; every number off it is a mistake, and its row and column say which species was taken for which. With the penguins there are few mistakes, if any.',
    },
    open('export', 'Export turns the trained model into something you can keep and use elsewhere.'),
    {
      title: 'Export the model',
      screen: 'export',
      control: { role: 'button', name: 'Export model' },
      note: 'Press “Export model” to download it as a file.',
      wait: { kind: 'click' },
      explain: 'The file holds the whole model: how to prepare the columns and the learned weights. Import it on Export later, or predict with it from the command line with `sapling predict`.',
    },
  ],
};

const overfitting: Lesson = {
  id: 'overfitting',
  title: 'Overfitting',
  summary: 'A deep decision tree against a shallow one, and what the learning curve says.',
  steps: [
    ...loadPenguins('A decision tree will learn to tell the species apart.'),
    chooseTarget('species', 'The species is the target: a classification with three classes.'),
    open('train', 'Train is where the model family and its settings are chosen.'),
    {
      title: 'Pick a decision tree',
      screen: 'train',
      control: { role: 'combobox', name: 'Model' },
      note: 'Choose “Decision tree” as the Model.',
      wait: { kind: 'model', model: 'tree' },
      explain: 'A decision tree asks yes/no questions about the columns. Its Maximum depth (in Settings) is 0, no limit: it may keep asking until every training penguin is sorted.',
    },
    train('With no depth limit the tree sorts the training penguins perfectly. Whether it does as well on penguins it never saw is the question.', { kind: 'trained', model: 'tree', param: { key: 'maxDepth', missing: 0, atMost: 0 } }),
    open('evaluate', 'Now measure how the deep tree learns.'),
    {
      title: 'Draw the learning curve',
      screen: 'evaluate',
      control: { role: 'button', name: 'Draw the learning curve by training size' },
      note: 'Draw the learning curve by training size.',
      wait: { kind: 'reading', key: 'size-curve' },
      explain: 'The training score stays at the top whatever the size: the deep tree memorises what it sees. The gap down to the validation score is overfitting: what it learned by heart does not carry over to new penguins.',
    },
    open('train', 'Back to Train, to limit the tree.'),
    {
      title: 'Make the tree shallow',
      screen: 'train',
      control: { role: 'spinbutton', name: 'Maximum depth' },
      note: 'In Settings, set Maximum depth to 2.',
      wait: { kind: 'model', model: 'tree', param: { key: 'maxDepth', missing: 0, atLeast: 1, atMost: 3 } },
      explain: 'A tree of depth 2 may ask only two questions in a row: it cannot memorise, it has to find the rules that matter most.',
    },
    train('The shallow tree is trained. Its test score is close to the deep one’s, with far fewer questions.', { kind: 'trained', model: 'tree', param: { key: 'maxDepth', missing: 0, atLeast: 1, atMost: 3 } }),
    open('evaluate', 'Compare its learning curve with the deep tree’s.'),
    {
      title: 'Draw its learning curve',
      screen: 'evaluate',
      control: { role: 'button', name: 'Draw the learning curve by training size' },
      note: 'Draw the learning curve again, for the shallow tree.',
      wait: { kind: 'reading', key: 'size-curve' },
      explain: 'Now the training score is no longer perfect and the validation score sits close to it: the tree learned rules that hold for new penguins too. A small gap between the two curves is what a model that generalises looks like.',
    },
  ],
};

const regression: Lesson = {
  id: 'regression',
  title: 'Regression and residuals',
  summary: 'Predict a penguin’s body mass, then read where the predictions miss.',
  steps: [
    ...loadPenguins('This time the model predicts a number.'),
    chooseTarget('body_mass_g', 'Body mass is a number, so this is regression: the model predicts a quantity, not a class. The bars show how the masses are spread.'),
    open('train', 'For regression Sapling proposes linear regression: a weighted sum of the columns.'),
    train('The score is R², the share of the variation in body mass the model explains: 1 is perfect, 0 no better than always guessing the average.'),
    open('evaluate', 'Evaluate draws each test penguin’s prediction against its true mass.'),
    {
      title: 'Predicted against actual',
      screen: 'evaluate',
      control: { role: 'img', name: 'Predicted vs actual' },
      note: 'Look at predicted against actual mass: one point per test penguin.',
      wait: { kind: 'read' },
      explain: 'A perfect model puts every point on the dashed diagonal. The further a point is from it, the bigger that penguin’s error.',
    },
    {
      title: 'Read the residuals',
      screen: 'evaluate',
      control: { role: 'img', name: 'Residuals' },
      note: 'Now the residuals: actual minus predicted, against the prediction.',
      wait: { kind: 'read' },
      explain: 'Residuals scattered evenly around zero mean the errors are noise. A curve or a funnel would say the model misses a pattern, for example that it is worse for the heaviest penguins.',
    },
  ],
};

const groups: Lesson = {
  id: 'groups',
  title: 'Finding groups',
  summary: 'k-means finds groups of penguins without being told the species; the elbow chart helps choose k.',
  steps: [
    ...loadPenguins('Here nothing is predicted: the model looks for groups on its own.'),
    {
      title: 'Learn without a target',
      screen: 'problem',
      control: { role: 'radio', name: 'No target — find groups (clustering)', prefix: true },
      note: 'Choose “No target — find groups (clustering)”.',
      wait: { kind: 'noTarget', task: 'clustering' },
      explain: 'Without a target the model is not told any answer: it groups penguins that are alike. This is clustering, a kind of unsupervised learning.',
    },
    open('train', 'Sapling proposes k-means, which splits the rows into k groups around k centres.'),
    train('k-means found 3 groups. It was also fitted for every k from 1 up, to draw the elbow chart.', { kind: 'trained', model: 'kmeans' }),
    open('evaluate', 'Evaluate shows the groups and how k was chosen.'),
    {
      title: 'Read the elbow',
      screen: 'evaluate',
      control: { role: 'img', name: 'Elbow chart: inertia by k' },
      note: 'Find the elbow: where the curve stops falling steeply.',
      wait: { kind: 'read' },
      explain: 'Inertia always falls as k grows, since more centres are always closer. Where it bends, the elbow, more clusters stop paying for themselves; the silhouette chart below it says how well the groups are separated for each k.',
    },
  ],
};

const explaining: Lesson = {
  id: 'explaining',
  title: 'Explaining a prediction',
  summary: 'Predict new penguins, then ask why the model said what it said for one of them.',
  steps: [
    ...loadPenguins('A model will learn the species; then we ask it why.'),
    chooseTarget('species', 'The species is the target.'),
    open('train', 'Train the proposed model.'),
    train('The model is trained. Now use it on penguins as if they were new.'),
    open('export', 'Export is also where a model predicts new data.'),
    {
      title: 'Predict new penguins',
      screen: 'export',
      control: { label: 'Data to predict' },
      note: 'Choose a CSV of penguins to predict, or press the lesson’s button to use the sample.',
      offer: { label: 'Predict the penguins sample', sample: PENGUINS, into: 'predict' },
      wait: { kind: 'predicted' },
      explain: 'Each row now has the predicted species and the probability of each one, first in the table. A column the model did not train on is carried along unchanged.',
    },
    {
      title: 'Ask why',
      screen: 'export',
      control: { role: 'button', name: 'Why row 1?' },
      note: 'Press “Why?” on the first row.',
      wait: { kind: 'shown', control: { role: 'region', name: 'Why row 1', prefix: true } },
      explain: 'Each bar is how much one column pushed this penguin’s prediction away from the average one. Long bars are the columns that decided; a different penguin can have different reasons.',
    },
  ],
};

const drift: Lesson = {
  id: 'drift',
  title: 'Drift and retraining',
  summary: 'The world moves after training: spot it on Monitor and retrain on the new rows.',
  steps: [
    ...loadPenguins('A model trained on these penguins will meet penguins of a later season.'),
    chooseTarget('species', 'The species is the target.'),
    open('train', 'Train the proposed model.'),
    train('The model is trained on this season’s penguins.'),
    open('monitor', 'Monitor compares new data with what the model learned from.'),
    {
      title: 'Load next season',
      screen: 'monitor',
      control: { label: 'New data' },
      note: 'Load new data: press the lesson’s button for next season’s penguins.',
      offer: { label: 'Load next season’s penguins', sample: 'penguins-next-season.csv', into: 'monitor' },
      wait: { kind: 'monitored' },
      explain: 'Next season’s penguins have longer flippers and are heavier (a made-up change, to see what drift looks like). The summary says whether the data moved and whether the predictions did.',
    },
    {
      title: 'Which columns moved',
      screen: 'monitor',
      control: { role: 'table', name: 'Column drift' },
      note: 'Read the column drift table: each column’s new values against the training ones.',
      wait: { kind: 'read' },
      explain: 'A drifted column is one whose new values no longer look like the training values, by a statistical test. The model still applies what it learned, but about a world that has changed.',
    },
    {
      title: 'Retrain',
      screen: 'monitor',
      control: { role: 'button', name: 'Retrain' },
      note: 'Press Retrain to learn from the old and new rows together.',
      wait: { kind: 'retrained' },
      explain: 'The retrained model is compared with the current one on the newest new rows, which neither learned from. Adopt it only if it does better there.',
    },
  ],
};

/** Every lesson of the Lessons menu, in order. */
export const LESSONS: readonly Lesson[] = [firstClassifier, overfitting, regression, groups, explaining, drift, labLesson];

/** Each lesson's step count by id: what stored progress is checked against. */
export const LESSON_STEPS: ReadonlyMap<string, number> = new Map(LESSONS.map((l) => [l.id, l.steps.length]));

/** The lesson of id `id`, or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
