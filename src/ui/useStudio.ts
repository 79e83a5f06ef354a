import { useStore } from 'zustand';
import { type StudioState, studio } from '../state/store';

/** Reads a slice of the studio store; the component re-renders when that slice changes. */
export function useStudio<T>(selector: (s: StudioState) => T): T {
  return useStore(studio, selector);
}
