/**
 * Soft voting: the element-wise mean of several models' outputs on the same rows (class
 * probabilities, or predicted values). Summed in float64, in member order, then rounded once to
 * float32, so an ensemble and Auto's scoring of it from its members' outputs agree to the bit.
 */
export function averageOutputs(outputs: readonly Float32Array[]): Float32Array {
  if (!outputs.length) throw new Error('averageOutputs needs at least one output');
  const length = outputs[0].length;
  for (const o of outputs) if (o.length !== length) throw new Error(`averageOutputs: outputs of ${o.length} and ${length} values`);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    let sum = 0;
    for (const o of outputs) sum += o[i];
    out[i] = sum / outputs.length;
  }
  return out;
}
