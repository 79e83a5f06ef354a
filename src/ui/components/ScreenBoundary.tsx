import { Component, type ReactNode } from 'react';

/**
 * Keeps the studio up when a screen fails to draw (a figure missing from an imported file's report,
 * say): without it React unmounts the whole page. The screen is replaced by an alert saying what
 * failed; the header, the steps, the run history and the data stay. Keyed by step, so moving to
 * another step (or back) draws afresh.
 */
export class ScreenBoundary extends Component<{ readonly name: string; readonly children: ReactNode }, { readonly error: Error | null }> {
  override state: { readonly error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="alert">
        <span className="alert-icon" aria-hidden>!</span>
        <span className="alert-text">
          The {this.props.name} screen could not be drawn ({error.message}). The other steps still work; if you imported a model file, it
          may be damaged: import another or train again.
        </span>
      </div>
    );
  }
}
