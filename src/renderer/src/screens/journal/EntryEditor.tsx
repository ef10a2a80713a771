/**
 * The text of one journal entry, saved as you type: a pause of a moment, leaving the field, or leaving the
 * screen saves it. What is typed stays on screen even when the saved copy is refreshed underneath.
 */
import { useEffect, useMemo, useState } from 'react';
import type { NodeDTO } from '../../../../shared/schemas';
import { useCall, useInvalidate } from '../../client/queries';
import { useClient } from '../../client/context';
import { errorMessage, Skeleton } from '../../components';
import { routeHref } from '../../router';
import { createAutosave, type SaveState } from './autosave';

const SAVE_DELAY_MS = 700;

const STATUS: Record<SaveState, { text: string; attr: string }> = {
  saved: { text: 'Saved', attr: 'saved' },
  unsaved: { text: 'Unsaved changes', attr: 'dirty' },
  saving: { text: 'Saving…', attr: 'saving' },
  failed: { text: 'Not saved', attr: 'error' },
};

export function EntryEditor({ id, label, autoFocus }: { id: string; label: string; autoFocus: boolean }) {
  const node = useCall<NodeDTO>('notes.get', { id });
  if (node.isPending) return <Skeleton lines={6} label="Loading the entry" />;
  if (node.isError) return <p className="form-error">Could not open this entry: {errorMessage(node.error)}</p>;
  // Keyed by id: the text is read from the server once per entry and from then on belongs to the user.
  return <EntryText key={id} id={id} initial={node.data.body} label={label} autoFocus={autoFocus} />;
}

function EntryText({ id, initial, label, autoFocus }: { id: string; initial: string; label: string; autoFocus: boolean }) {
  const client = useClient();
  const invalidate = useInvalidate();
  const [text, setText] = useState(initial);
  const [state, setState] = useState<{ s: SaveState; error?: string }>({ s: 'saved' });

  const autosave = useMemo(
    () =>
      createAutosave<string>(
        async (body) => {
          await client.call('notes.update', { id, body });
          void invalidate('journal.list');
        },
        SAVE_DELAY_MS,
        (s, error) => setState({ s, error: error === undefined ? undefined : errorMessage(error) }),
      ),
    [client, id, invalidate],
  );

  useEffect(() => {
    // Closing the tab or window: get the last words out while the page can still send them.
    const onHide = () => void autosave.flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      void autosave.flush();
    };
  }, [autosave]);

  const status = STATUS[state.s];
  return (
    <div className="journal-editor">
      <textarea
        className="journal-text"
        aria-label={label}
        placeholder="What happened today? Markdown and #tags work here."
        value={text}
        autoFocus={autoFocus}
        onChange={(e) => {
          setText(e.target.value);
          autosave.schedule(e.target.value);
        }}
        onBlur={() => void autosave.flush()}
      />
      <div className="row journal-editor-footer">
        <span className="save-status" data-state={status.attr} role="status">
          {status.text}
          {state.error && `: ${state.error}`}
        </span>
        {state.s === 'failed' && (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              autosave.schedule(text);
              void autosave.flush();
            }}
          >
            Retry
          </button>
        )}
        <span className="spacer" />
        <a className="button button-small button-ghost" href={routeHref({ screen: 'notes', id })}>
          Open in Notes
        </a>
      </div>
    </div>
  );
}
