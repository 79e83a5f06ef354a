import { predictFile, showError } from '../../state/actions';
import { monitorFiles } from '../../state/monitorActions';
import type { Offer } from './types';

/**
 * Loads the bundled sample of `offer` and hands it to the action the screen's file picker calls
 * (predict on Export, monitor on Monitor): the lesson supplies a file a person would not have at hand.
 */
export async function takeOffer(offer: Offer): Promise<void> {
  try {
    const response = await fetch(`${import.meta.env.BASE_URL}samples/${offer.sample}`);
    if (!response.ok) throw new Error(`the lesson's file ${offer.sample} is not available (HTTP ${response.status})`);
    const file = new File([await response.blob()], offer.sample, { type: 'text/csv' });
    await (offer.into === 'predict' ? predictFile(file) : monitorFiles([file]));
  } catch (e) {
    showError(e);
  }
}
