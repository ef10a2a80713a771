/**
 * Catches a render error in one screen or panel so the rest of the app keeps working, and offers to try again.
 * `resetKey` (e.g. the route) clears the error when the user goes somewhere else.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  resetKey?: unknown;
  /** What broke, in the user's words ("This screen"). */
  what?: string;
}

export class ErrorBoundary extends Component<Props, { error: Error | null; key: unknown }> {
  override state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; key: unknown }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="empty-state" role="alert">
        <p className="empty-state-title">{this.props.what ?? 'This part of the app'} ran into a problem</p>
        <p className="empty-state-body">{this.state.error.message}</p>
        <button type="button" className="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
