import { base64ToBytes } from '../util/base64';
import { checkArray, checkBase64, checkBoolean, checkInteger, checkIntegers, checkNumber, checkObject, checkString, fail, shown } from '../util/check';
import { type StateCheckContext, outputCount } from './stateCheck';

/**
 * The state check of the TF.js families (logistic and linear regression, the MLP), without TF.js:
 * the topology must be the Sequential stack of Dense (and Dropout) layers Sapling writes, its first
 * layer reading `nFeatures` inputs and its last giving the task's outputs; the weight manifest must
 * list each layer's kernel and bias with the shapes the layers say; and the base64 weights must
 * hold exactly that many float32 values, all finite. The units are checked against the bytes as
 * they are read, so a 6000×6000 layer without its weights is refused before TF.js allocates 144 MB.
 */
export function checkNetworkState(x: unknown, ctx: StateCheckContext): void {
  const state = checkObject(x, ctx.path);
  const path = `${ctx.path}.network`;
  const network = checkObject(state.network, path);
  const output = checkString(network.output, `${path}.output`, ['sigmoid', 'softmax', 'linear']);
  const expected = ctx.task === 'regression' ? 'linear' : ctx.classes === 2 ? 'sigmoid' : 'softmax';
  if (output !== expected) fail(`${path}.output`, `a ${ctx.task} model with ${ctx.classes} classes outputs through "${expected}", not "${output}"`);
  const bytes = checkBase64(network.weights, `${path}.weights`);
  const specs = expectedWeights(network.topology, `${path}.topology`, ctx, output, bytes / 4);
  const manifest = checkArray(network.weightSpecs, `${path}.weightSpecs`, specs.length);
  let total = 0;
  manifest.forEach((entry, i) => {
    const at = `${path}.weightSpecs[${i}]`;
    const spec = checkObject(entry, at);
    checkString(spec.name, `${at}.name`, [specs[i].name]);
    if (spec.dtype !== undefined) checkString(spec.dtype, `${at}.dtype`, ['float32']);
    const shape = checkIntegers(spec.shape, `${at}.shape`, 0, Number.MAX_SAFE_INTEGER, specs[i].shape.length);
    if (shape.some((s, k) => s !== specs[i].shape[k])) fail(`${at}.shape`, `is [${shape.join(', ')}] where the topology says [${specs[i].shape.join(', ')}]`);
    total += shape.reduce((a, b) => a * b, 1);
  });
  if (total * 4 !== bytes) fail(`${path}.weights`, `holds ${bytes} bytes where the layers need ${total * 4}`);
  const values = new Float32Array(base64ToBytes(network.weights as string).slice().buffer);
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) fail(`${path}.weights`, `value ${i} is ${values[i]}`);
}

/** Activations the Dense layers Sapling writes use (the MLP's choices and the output links). */
const ACTIVATIONS = ['linear', 'relu', 'tanh', 'sigmoid', 'elu', 'softmax'];

/** A weight the topology needs: its name and shape. */
interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
}

/**
 * The weights a Sequential topology of Dense and Dropout layers needs, in order. `floats` is what the
 * file's weights hold: a layer needing more than that is refused as it is read, before any product
 * of untrusted sizes is formed (so nothing overflows and nothing large is listed).
 */
function expectedWeights(x: unknown, path: string, ctx: StateCheckContext, output: string, floats: number): WeightSpec[] {
  const topology = checkObject(x, path);
  checkString(topology.class_name, `${path}.class_name`, ['Sequential']);
  const layers = checkArray(checkObject(topology.config, `${path}.config`).layers, `${path}.config.layers`);
  const specs: WeightSpec[] = [];
  let width = ctx.nFeatures;
  let needed = 0;
  let last: { units: number; activation: string } | null = null;
  layers.forEach((item, i) => {
    const at = `${path}.config.layers[${i}]`;
    const layer = checkObject(item, at);
    const kind = checkString(layer.class_name, `${at}.class_name`, ['Dense', 'Dropout']);
    const config = checkObject(layer.config, `${at}.config`);
    const name = checkString(config.name, `${at}.config.name`);
    // TF.js casts every feed to the layer's dtype and throws its own error on anything but float32.
    if (config.dtype !== undefined) checkString(config.dtype, `${at}.config.dtype`, ['float32']);
    const input = config.batch_input_shape;
    if (i === 0 || input !== undefined) {
      const shape = checkArray(input, `${at}.config.batch_input_shape`, 2);
      if (shape[0] !== null || shape[1] !== width) fail(`${at}.config.batch_input_shape`, `is ${JSON.stringify(shape)} where [null, ${width}] is expected`);
    }
    if (kind === 'Dropout') {
      checkNumber(config.rate, `${at}.config.rate`, 0, 0.999);
      return;
    }
    const units = checkInteger(config.units, `${at}.config.units`, 1, Number.MAX_SAFE_INTEGER);
    const activation = checkString(config.activation, `${at}.config.activation`, ACTIVATIONS);
    const bias = config.use_bias === undefined ? true : checkBoolean(config.use_bias, `${at}.config.use_bias`);
    needed += width * units + (bias ? units : 0);
    if (needed > floats) fail(`${at}.config.units`, `${units} units need more weights than the file holds (${floats} float32 values)`);
    specs.push({ name: `${name}/kernel`, shape: [width, units] });
    if (bias) specs.push({ name: `${name}/bias`, shape: [units] });
    width = units;
    last = { units, activation };
  });
  const head = last as { units: number; activation: string } | null;
  if (!head) fail(`${path}.config.layers`, `holds no Dense layer, got ${shown(layers)}`);
  const units = output === 'sigmoid' ? 1 : outputCount(ctx);
  if (head.units !== units || head.activation !== output) {
    fail(`${path}.config.layers[${layers.length - 1}]`, `the last layer gives ${head.units} ${head.activation} outputs where the model needs ${units} ${output}`);
  }
  return specs;
}
