/** Notes: the tree of the library on the left, the open note (#/notes/<id>) on the right. */
import type { NodeDTO, PageDTO } from '../../../../shared/schemas';
import { useCall } from '../../client/queries';
import { EmptyState, Kbd } from '../../components';
import { useRoute } from '../../router';
import { childrenQuery, PAGE } from './tree/tree-context';
import { useCreateNote } from './useCreateNote';
import { NoteView } from './editor/NoteView';
import { NoteTree } from './tree/NoteTree';

export default function NotesScreen() {
  const route = useRoute();
  const id = route.screen === 'notes' ? route.id : undefined;
  const root = useCall<PageDTO<NodeDTO>>('notes.list', childrenQuery(null, PAGE));
  const createNote = useCreateNote();

  return (
    <div className="notes">
      <nav className="tree-pane" aria-labelledby="notes-heading">
        <div className="tree-pane-header">
          <h1 id="notes-heading">Notes</h1>
        </div>
        <NoteTree selectedId={id} />
      </nav>
      <div className="note-host">
        {id ? (
          // Keyed by id: leaving a note unmounts its editor, which saves what is pending.
          <NoteView key={id} id={id} />
        ) : root.data?.total === 0 ? (
          <EmptyState
            title="No notes yet"
            action={<button type="button" className="button button-primary" onClick={() => void createNote()}>Create your first note</button>}
          >
            Create one with <Kbd keys={['Mod', 'N']} />, or import a markdown vault with <code>engram import</code>.
          </EmptyState>
        ) : (
          <EmptyState title="No note open">
            Pick one in the tree, press <Kbd keys={['Mod', 'K']} /> to find one, or <Kbd keys={['Mod', 'N']} /> for a new note.
          </EmptyState>
        )}
      </div>
    </div>
  );
}
