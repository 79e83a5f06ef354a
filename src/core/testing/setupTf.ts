import * as tf from '@tensorflow/tfjs';

// Unit tests run TF.js on its pure-JS CPU backend: always available, deterministic, and quiet.
tf.enableProdMode();
await tf.setBackend('cpu');
if (tf.getBackend() !== 'cpu') throw new Error('the cpu backend did not start');
