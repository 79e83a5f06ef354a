import { useStudio } from '../useStudio';
import { ActionError, DisabledReason } from './ActionError';
import { blockedId, readingBlocker } from './useOnRequest';

/** Beside a measurement's button (`useOnRequest` key `readingKey`): why it cannot run now, and its last failure. */
export function RequestNotes({ readingKey }: { readingKey: string }) {
  const blocked = useStudio(readingBlocker(readingKey));
  return (
    <>
      <DisabledReason id={blockedId(readingKey)} reason={blocked} />
      {/* modelReading.ts raises a measurement's errors as 'evaluate:<its reading key>'. */}
      <ActionError origin={`evaluate:${readingKey}`} />
    </>
  );
}
