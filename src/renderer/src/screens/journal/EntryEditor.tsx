/**
 * The text of one journal entry, saved as you type: a pause of a moment, leaving the field, or leaving the
 * screen saves it. What is typed stays on screen even when the saved copy is refreshed underneath.
 */
import { useState } from 'react';
import type { NodeDTO } from '../../../../shared/schemas';
import { useCall, useInvalidate } from '../../client/queries';
import { useClient } from '../../client/context';
import { errorMessage, SaveStatus, Skeleton, useAutosave } from '../../components';
import { routeHref } from '../../router';

const SAVE_DELAY_MS = 700;

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
  // The shared autosave: one pending patch, ordered saves, retry with a toast, flushed on hide and unmount.
  const { saver, state } = useAutosave<{ body: string }>(
    id,
    async ({ body }) => {
      await client.call('notes.update', { id, body });
      void invalidate('journal.list');
    },
    { delay: SAVE_DELAY_MS, failure: 'Could not save the entry' },
  );

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
          saver.change({ body: e.target.value });
        }}
        onBlur={() => void saver.flush()}
      />
      <div className="row journal-editor-footer">
        <SaveStatus state={state} />
        <span className="spacer" />
        <a className="button button-small button-ghost" href={routeHref({ screen: 'notes', id })}>
          Open in Notes
        </a>
      </div>
    </div>
  );
}
