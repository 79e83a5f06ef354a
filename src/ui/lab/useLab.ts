import { useStore } from 'zustand';
import { type LabState, lab } from '../../state/labStore';

/** Reads a slice of the lab's store; the component re-renders when that slice changes. */
export function useLab<T>(selector: (s: LabState) => T): T {
  return useStore(lab, selector);
}
