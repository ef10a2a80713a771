/** Loads the open note and hands it to the editor. */
import type { NodeDTO } from '../../../../../shared/schemas';
import { errorCode, useCall } from '../../../client/queries';
import { EmptyState, Skeleton } from '../../../components';
import { routeHref } from '../../../router';
import { NoteEditor } from './NoteEditor';

export function NoteView({ id }: { id: string }) {
  const note = useCall<NodeDTO>('notes.get', { id });

  if (note.isPending) {
    return (
      <div className="screen-body">
        <Skeleton lines={8} label="Loading the note" />
      </div>
    );
  }
  if (note.isError) {
    return errorCode(note.error) === 'not_found' ? (
      <EmptyState title="This note is not here" action={<a className="button" href={routeHref({ screen: 'trash' })}>Open the trash</a>}>
        It may have been moved to the trash or deleted for good.
      </EmptyState>
    ) : (
      <EmptyState title="This note could not be opened" action={<button type="button" className="button" onClick={() => void note.refetch()}>Retry</button>}>
        {note.error.message}
      </EmptyState>
    );
  }
  return <NoteEditor node={note.data} />;
}
