/**
 * One note open for editing: the title, the markdown source and its live preview (side by side or either
 * alone), saved as you type; beside it the details (tags, privacy, links, index) or the version history.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { NodeDTO, NodeLinkDTO } from '../../../../../shared/schemas';
import { useClient } from '../../../client/context';
import { useCall, useInvalidate } from '../../../client/queries';
import { isModKey, SaveStatus, shortcutText, useAutosave, useToast } from '../../../components';
import { RelatedPanel } from '../../../components/related';
import { navigate } from '../../../router';
import { NoteDetails } from '../panels/NoteDetails';
import { MoveDialog } from '../panels/MoveDialog';
import { VersionHistory } from '../panels/VersionHistory';
import { useCreateNote } from '../useCreateNote';
import { useTrashNote } from '../useTrashNote';
import { MarkdownEditor } from './MarkdownEditor';
import { Preview } from './Preview';
import { useNoteTitles } from './useNoteTitles';
import { useViewMode, VIEW_MODES } from './view-mode';

// Saving refreshes what shows the note elsewhere: the tree's titles, links, history, tags, the index.
const SAVED_QUERIES = ['notes.list', 'notes.links', 'versions.list', 'tags.list', 'notes.chunks', 'search.query'];
const SAVE_DELAY_MS = 600;

export function NoteEditor({ node }: { node: NodeDTO }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const toast = useToast();
  const createNote = useCreateNote();
  const trash = useTrashNote();
  const { findTitles, findByTitle } = useNoteTitles();
  const [title, setTitle] = useState(node.title);
  const [body, setBody] = useState(node.body);
  const [mode, setMode] = useViewMode();
  const [panel, setPanel] = useState<'details' | 'history'>('details');
  const [moving, setMoving] = useState(false);
  const [sideOpen, setSideOpen] = useState(false);
  // Bumped when the text is replaced from outside (a restored version): the source editor reloads it.
  const [revision, setRevision] = useState(0);
  const editorHost = useRef<HTMLDivElement>(null);
  const links = useCall<{ outgoing: NodeLinkDTO[]; backlinks: NodeLinkDTO[] }>('notes.links', { id: node.id });

  const { saver, state } = useAutosave<{ title?: string; body?: string }>(
    node.id,
    async (patch) => {
      const saved = await client.call<NodeDTO>('notes.update', { id: node.id, ...patch });
      queryClient.setQueryData(['notes.get', { id: node.id }], saved);
      void invalidate(...SAVED_QUERIES);
    },
    { delay: SAVE_DELAY_MS, failure: 'Could not save the note' },
  );

  const resolvedId = (title: string) =>
    links.data?.outgoing.find((l) => l.targetId && l.targetTitle.toLowerCase() === title.toLowerCase())?.targetId ?? null;

  const openLink = async (linkTitle: string) => {
    await saver.flush();
    try {
      const id = resolvedId(linkTitle) ?? (await findByTitle(linkTitle))?.id;
      if (id) return navigate({ screen: 'notes', id });
      if (await createNote({ title: linkTitle })) toast.info(`Created the note “${linkTitle}”`);
    } catch (error) {
      toast.error(`Could not open “${linkTitle}”: ${(error as Error).message}`, { retry: () => openLink(linkTitle) });
    }
  };

  const replaceText = (restored: NodeDTO) => {
    queryClient.setQueryData(['notes.get', { id: node.id }], restored);
    setTitle(restored.title);
    setBody(restored.body);
    setRevision((r) => r + 1);
  };

  const lookupTitles = useCallback((q: string) => findTitles(q, node.id), [findTitles, node.id]);
  const showEditor = mode !== 'preview';
  const showPreview = mode !== 'edit';

  return (
    <div
      className="note"
      data-side-open={sideOpen}
      onKeyDown={(e) => {
        if (isModKey(e) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          void saver.flush();
        }
      }}
    >
      <div className="note-main">
        <div className="note-toolbar" role="toolbar" aria-label="Note actions">
          <SaveStatus state={state} />
          <span className="spacer" />
          <div className="segmented" role="group" aria-label="View">
            {VIEW_MODES.map((m) => (
              <button key={m.value} type="button" aria-pressed={mode === m.value} onClick={() => setMode(m.value)}>
                {m.label}
              </button>
            ))}
          </div>
          <button
            type="button"
            className="button button-small"
            aria-pressed={panel === 'history'}
            onClick={async () => {
              await saver.flush();
              setPanel((p) => (p === 'history' ? 'details' : 'history'));
              setSideOpen(true);
            }}
          >
            History
          </button>
          <button type="button" className="button button-small" onClick={() => setMoving(true)}>
            Move to…
          </button>
          <button type="button" className="button button-small" onClick={() => void trash({ id: node.id, title })}>
            Delete
          </button>
          <button type="button" className="button button-small narrow-only" aria-pressed={sideOpen} onClick={() => setSideOpen((o) => !o)}>
            Details
          </button>
        </div>
        <input
          className="note-title"
          aria-label="Title"
          placeholder="Untitled"
          value={title}
          autoFocus={!node.title && !node.body}
          onChange={(e) => {
            setTitle(e.target.value);
            saver.change({ title: e.target.value });
          }}
          onBlur={() => void saver.flush()}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === 'ArrowDown') {
              e.preventDefault();
              editorHost.current?.querySelector<HTMLElement>('.cm-content')?.focus();
            }
          }}
        />
        <div className="note-panes" data-mode={mode}>
          {showEditor && (
            <div className="note-pane" ref={editorHost} title={`Saved as you type (${shortcutText(['Mod', 'S'])} saves now)`}>
              <MarkdownEditor
                key={revision}
                initialValue={body}
                onChange={(value) => {
                  setBody(value);
                  saver.change({ body: value });
                }}
                onBlur={() => void saver.flush()}
                findTitles={lookupTitles}
              />
            </div>
          )}
          {showPreview && (
            <section className="note-pane" aria-label="Preview">
              <Preview body={body} isResolved={(t) => resolvedId(t) !== null} onOpenLink={(t) => void openLink(t)} />
            </section>
          )}
        </div>
      </div>
      {panel === 'history' ? (
        <VersionHistory
          node={node}
          onClose={() => setPanel('details')}
          beforeRestore={() => saver.flush()}
          onRestored={replaceText}
        />
      ) : (
        <NoteDetails node={node} body={body} links={links.data} />
      )}
      <RelatedPanel title={title} body={body} excludeId={node.id} />
      <MoveDialog node={node} open={moving} onClose={() => setMoving(false)} />
    </div>
  );
}
