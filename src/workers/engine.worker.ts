import { expose, transfer } from 'comlink';
import { Engine } from './engine';

/** The engine worker: exposes the Engine over comlink; TF.js weights leave by transfer. */
class TransferringEngine extends Engine {
  override exportTfjs() {
    const pair = super.exportTfjs();
    return transfer(pair, [pair.weights.buffer as ArrayBuffer]);
  }
}

expose(new TransferringEngine());
