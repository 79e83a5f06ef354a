import * as tf from '@tensorflow/tfjs';

/**
 * The reference the guide names: TF.js `model.fit` on the 20→64→64→1 network Sapling's MLP builds,
 * with the same optimiser and batch size. Returns milliseconds per epoch.
 */
export async function modelFitEpochMs(X: Float32Array, y: Float32Array, n: number, d: number, epochs: number, batchSize: number): Promise<number> {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 64, activation: 'relu', inputShape: [d] }));
  model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy' });
  const xs = tf.tensor2d(X, [n, d]);
  const ys = tf.tensor2d(y, [n, 1]);
  try {
    const t = performance.now();
    await model.fit(xs, ys, { epochs, batchSize, verbose: 0 });
    return (performance.now() - t) / epochs;
  } finally {
    tf.dispose([xs, ys]);
    model.dispose();
  }
}
