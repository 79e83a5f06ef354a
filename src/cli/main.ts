import { parseArgs } from 'node:util';
import { errorMessage } from '../core/util/errors';
import { profileCommand } from './commands/profile';
import { WorkerPool, serveIfWorker } from './parallel';
import { enableRelaxedSimd } from './wasmFeatures';
import { READ_FLAGS, READ_FLAGS_HELP, readSettingsFrom } from './readFlags';
import { SERVE_FLAGS, SERVE_HELP, SERVE_USAGE } from '../server/flags';
import { MONITOR_FLAGS, MONITOR_HELP, MONITOR_USAGE } from './monitorFlags';

const USAGE = `sapling — machine learning on a CSV, from the command line

usage:
  sapling profile <data.csv> [--out profile.json] [--target <col>]
  sapling train <data.csv> --target <col> [--task classification|regression]
                [--model logistic|linear|mlp|tree|forest|gbdt|knn|naive-bayes|svm|ensemble|auto]
                [--param key=value]... [--seed N] [--test-size F | --test test.csv]
                [--cv K | --holdout R] [--group <col>] [--steps steps.json] [--out model.json] [--report report.json]
  sapling train <data.csv> --model kmeans|dbscan|pca [--param key=value]... [--seed N]
                [--out model.json] [--report report.json]      (no target: clustering or projection)
  sapling train <data.csv> --recipe <model.json> [--test test.csv] [--out model.json] [--report report.json]
                (train again as the model file's run did: its problem, recipe, model, settings, seed,
                validation and reading; then says whether the test metrics equal the file's)
  sapling tune <data.csv> --target <col> --model <id> [--strategy random|grid|halving]
                [--trials N] [--budget <seconds>] [--cv K] [--param key=value]... [--seed N]
                [--steps steps.json] [--out model.json] [--report report.json]
  sapling predict <model.json> <data.csv> [--out predictions.csv]
  sapling transform <model.json> <data.csv> [--out features.csv]
                (the model file's fitted recipe applied to the rows: the columns the model sees, named by lineage)
  sapling importance <model.json> <data.csv> [--repeats N] [--seed N] [--out importance.json]
  sapling explain <model.json> <data.csv> [--rows 1,5,9 | --row N] [--column <col>]
                [--samples N] [--seed N] [--out explain.json]
  sapling curves <data.csv> --target <col> [--model <id>] [--vary name[=v1,v2,…]] [--cv K] [--out curves.json]
  sapling page <model.json> [--data train.csv] [--out page.html]
                (one HTML file that predicts in a browser, offline; --data: the form shows its ranges and first row)
  ${SERVE_USAGE}
  ${MONITOR_USAGE}
  sapling rl --env frozenlake|frozenlake8|cliff|cartpole|mountaincar [--slippery yes|no]
             --algo value-iteration|policy-iteration|q-learning|sarsa|expected-sarsa|dqn
             [--param key=value]... [--episodes N] [--seed N] [--eval-episodes N]
             [--out agent.json] [--report report.json]
                (learns, prints the learning curve, the greedy policy and its evaluation)
  sapling rl --agent agent.json [--episodes N] [--seed N] [--report report.json]
                (plays a saved agent's greedy policy without learning)

${READ_FLAGS_HELP}

${SERVE_HELP}

${MONITOR_HELP}

options:
  --test test.csv      train on all of data.csv and test on this file (no split)
  --cv K               also K-fold cross-validate on the training rows (stratified for classes)
  --holdout R          instead of --cv: R random splits of the training rows at --test-size (repeated holdout)
  --steps steps.json   train, tune: the recipe's steps, as a model file's config.recipe.steps holds them
                       ([{"step": "impute", "params": {}}, …]; or a recipe, config or model file holding one)
  --group <col>        with --cv or --holdout: rows sharing a value of <col> stay on one side of each split
  --row N, --rows 1,5,9  explain: data rows counted from 1 (the first line after the header)
  --column <col>       explain: partial dependence and ICE lines of the predictions on <col>
  --samples N          explain: permutation pairs for models explained by sampling (default 128)
  predict with a clustering model adds a "cluster" column (-1 = noise); with pca, pc1, pc2, …
  --backend wasm|cpu   TF.js backend (default: wasm, falling back to cpu)
  --help               this text`;

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        report: { type: 'string' },
        recipe: { type: 'string' },
        steps: { type: 'string' },
        target: { type: 'string' },
        task: { type: 'string' },
        model: { type: 'string' },
        param: { type: 'string', multiple: true },
        seed: { type: 'string' },
        'test-size': { type: 'string' },
        test: { type: 'string' },
        cv: { type: 'string' },
        group: { type: 'string' },
        holdout: { type: 'string' },
        budget: { type: 'string' },
        trials: { type: 'string' },
        strategy: { type: 'string' },
        repeats: { type: 'string' },
        rows: { type: 'string' },
        row: { type: 'string' },
        column: { type: 'string' },
        samples: { type: 'string' },
        vary: { type: 'string' },
        data: { type: 'string' },
        backend: { type: 'string' },
        env: { type: 'string' },
        algo: { type: 'string' },
        slippery: { type: 'string' },
        episodes: { type: 'string' },
        'eval-episodes': { type: 'string' },
        agent: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...READ_FLAGS,
        ...SERVE_FLAGS,
        ...MONITOR_FLAGS,
      },
    });
  } catch (e) {
    console.error(`error: ${errorMessage(e)}`);
    return 1;
  }
  const { values, positionals } = parsed;
  const [command, ...files] = positionals;
  if (values.help || command === undefined || command === 'help') {
    console.log(USAGE);
    return command === undefined && !values.help ? 1 : 0;
  }
  try {
    const read = readSettingsFrom(values);
    switch (command) {
      case 'profile':
        needFiles(files, 1, 'profile <data.csv>');
        await profileCommand(files[0], { out: values.out, target: values.target, read }, pool());
        return 0;
      case 'train': {
        needFiles(files, 1, 'train <data.csv> --target <col>');
        const { trainCommand } = await import('./commands/train');
        if (values.recipe !== undefined) {
          const { recipeCommand } = await import('./commands/recipe');
          await recipeCommand(files[0], values.recipe, { ...values, testSize: values['test-size'], read }, (stored) => tfjsBackend(values.backend ?? stored), pool());
          return 0;
        }
        await trainCommand(files[0], { ...values, testSize: values['test-size'], read }, () => tfjsBackend(values.backend), pool());
        return 0;
      }
      case 'tune': {
        needFiles(files, 1, 'tune <data.csv> --target <col> --model <id>');
        const { tuneCommand } = await import('./commands/tune');
        await tuneCommand(files[0], { ...values, testSize: values['test-size'], read }, () => tfjsBackend(values.backend), pool());
        return 0;
      }
      case 'curves': {
        needFiles(files, 1, 'curves <data.csv> --target <col>');
        const { curvesCommand } = await import('./commands/curves');
        await curvesCommand(files[0], { ...values, testSize: values['test-size'], read }, () => tfjsBackend(values.backend), pool());
        return 0;
      }
      case 'importance': {
        needFiles(files, 2, 'importance <model.json> <data.csv>');
        const { importanceCommand } = await import('./commands/importance');
        await importanceCommand(files[0], files[1], { out: values.out, repeats: values.repeats, seed: values.seed, read }, pool());
        return 0;
      }
      case 'explain': {
        needFiles(files, 2, 'explain <model.json> <data.csv> --row N | --rows 1,5,9 | --column <col>');
        const { explainCommand } = await import('./commands/explain');
        await explainCommand(files[0], files[1], { out: values.out, rows: values.rows, row: values.row, column: values.column, samples: values.samples, seed: values.seed, read }, pool());
        return 0;
      }
      case 'predict': {
        needFiles(files, 2, 'predict <model.json> <data.csv>');
        const { predictCommand } = await import('./commands/predict');
        await predictCommand(files[0], files[1], { out: values.out, read }, pool());
        return 0;
      }
      case 'transform': {
        needFiles(files, 2, 'transform <model.json> <data.csv> [--out features.csv]');
        const { transformCommand } = await import('./commands/transform');
        await transformCommand(files[0], files[1], { out: values.out, read }, pool());
        return 0;
      }
      case 'serve': {
        needFiles(files, 1, 'serve <model.json | folder>');
        const { serveCommand } = await import('./commands/serve');
        await serveCommand(files[0], values);
        return 0;
      }
      case 'page':
        needFiles(files, 1, 'page <model.json> [--data train.csv] [--out page.html]');
        await (await import('./commands/page')).pageCommand(files[0], { out: values.out, data: values.data, read }, pool());
        return 0;
      case 'monitor': {
        needFiles(files, 2, 'monitor <model.json> <new.csv>');
        const { monitorCommand } = await import('./commands/monitor');
        return await monitorCommand(files[0], files[1], { ...values, read }, pool());
      }
      case 'rl': {
        needFiles(files, 0, 'rl --env <env> --algo <algo> | rl --agent agent.json');
        const { rlCommand } = await import('./commands/rl');
        await rlCommand(values);
        return 0;
      }
      default:
        console.error(`error: unknown command "${command}" (known: profile, train, tune, curves, predict, transform, importance, explain, page, serve, monitor, rl)`);
        return 1;
    }
  } catch (e) {
    console.error(`error: ${errorMessage(e)}`);
    if (process.env.SAPLING_DEBUG) console.error(e);
    return 1;
  }
}

/**
 * Starts TF.js on its best Node backend, for the commands that train a TF.js network: TF.js loads
 * only then (it adds ~0.4 s to start-up). Predicting never needs it (models/networkForward.ts).
 */
async function tfjsBackend(preferred: string | undefined): Promise<string> {
  const { initNodeBackend } = await import('./backend');
  return initNodeBackend(preferred);
}

let workers: WorkerPool | undefined;

/** The worker threads, started on first use; this entry module is also the workers' script. */
function pool(): WorkerPool {
  return (workers ??= new WorkerPool(new URL(import.meta.url)));
}

function needFiles(files: readonly string[], count: number, usage: string): void {
  if (files.length !== count) throw new Error(`expected: sapling ${usage}`);
}

enableRelaxedSimd();
// The same bundle runs as the worker threads that read and profile big files.
if (!serveIfWorker()) {
  process.exitCode = await main(process.argv.slice(2));
  workers?.close();
}
