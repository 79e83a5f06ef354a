import { closeLab, openLab } from '../../state/labActions';
import { useLab } from './useLab';

/** The header's "Learn by doing" switch: opens the reinforcement-learning lab, or goes back to the lifecycle. */
export function LabButton() {
  const open = useLab((s) => s.open);
  return (
    <button type="button" className="lab-toggle" aria-pressed={open} onClick={open ? closeLab : openLab}>
      Learn by doing
    </button>
  );
}
