/**
 * The text of one journal entry, saved as you type: a pause of a moment, leaving the field, or leaving the
 * screen saves it. What is typed stays on screen even when the saved copy is refreshed underneath.
 */
import { useEffect, useRef, useState } from 'react';
import type { NodeDTO } from '../../../../shared/schemas';
import { useCall, useInvalidate } from '../../client/queries';
import { useClient } from '../../client/context';
import { errorMessage, SaveStatus, Skeleton, useAutosave } from '../../components';
import { routeHref } from '../../router';

const SAVE_DELAY_MS = 700;
const PLACEHOLDER = 'What happened today? Markdown and #tags work here.';

/**
 * Today before anything was written: a field that makes the day's entry on the first keystroke, so merely
 * opening the journal never leaves an empty entry behind. `onCreated` hands over the id and what was typed.
 */
export function DraftEntry({ label, create, onCreated }: { label: string; create: () => Promise<NodeDTO | undefined>; onCreated: (id: string, typed: string) => void }) {
  const [text, setText] = useState('');
  const latest = useRef('');
  const creating = useRef(false);
  return (
    <div className="journal-editor">
      <textarea
        className="journal-text"
        aria-label={label}
        placeholder={PLACEHOLDER}
        value={text}
        autoFocus
        onChange={(e) => {
          latest.current = e.target.value;
          setText(e.target.value);
          if (creating.current) return;
          creating.current = true;
          void create().then((node) => {
            if (node) onCreated(node.id, latest.current);
            else creating.current = false;
          });
        }}
      />
      <div className="row journal-editor-footer">
        <span className="save-status muted">Nothing written yet</span>
      </div>
    </div>
  );
}

interface EditorProps {
  id: string;
  label: string;
  autoFocus: boolean;
  /** Text typed before the entry existed (see DraftEntry): shown and saved at once instead of the stored body. */
  typed?: string;
}

export function EntryEditor({ id, label, autoFocus, typed }: EditorProps) {
  const node = useCall<NodeDTO>('notes.get', { id }, { enabled: typed === undefined });
  if (typed !== undefined) return <EntryText key={id} id={id} initial={typed} unsaved label={label} autoFocus />;
  if (node.isPending) return <Skeleton lines={6} label="Loading the entry" />;
  if (node.isError) return <p className="form-error">Could not open this entry: {errorMessage(node.error)}</p>;
  // Keyed by id: the text is read from the server once per entry and from then on belongs to the user.
  return <EntryText key={id} id={id} initial={node.data.body} label={label} autoFocus={autoFocus} />;
}

interface TextProps {
  id: string;
  initial: string;
  /** The initial text is not stored yet. */
  unsaved?: boolean;
  label: string;
  autoFocus: boolean;
}

function EntryText({ id, initial, unsaved, label, autoFocus }: TextProps) {
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
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!unsaved) return;
    saver.change({ body: initial });
    // Taking over from the draft field: keep typing where the caret was, at the end.
    field.current?.setSelectionRange(initial.length, initial.length);
  }, [saver, unsaved, initial]);

  return (
    <div className="journal-editor">
      <textarea
        ref={field}
        className="journal-text"
        aria-label={label}
        placeholder={PLACEHOLDER}
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
