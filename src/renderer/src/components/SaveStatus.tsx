/** "Saved" / "Saving…" / "Unsaved changes" / "Not saved — retrying", announced politely to screen readers. */
import type { SaveState } from './autosave';

const TEXT: Record<SaveState, string> = {
  saved: 'Saved',
  dirty: 'Unsaved changes',
  saving: 'Saving…',
  error: 'Not saved — retrying',
};

export function SaveStatus({ state }: { state: SaveState }) {
  return (
    <span className="save-status" data-state={state} role="status" aria-live="polite">
      {TEXT[state]}
    </span>
  );
}
