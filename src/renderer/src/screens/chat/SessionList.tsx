/** The chats so far, newest first; each opens at `#/chat/<id>` and can be deleted (after asking). */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ChatSessionDTO } from '../../../../shared/chat-schemas';
import { useAction } from '../../client/actions';
import { useCall } from '../../client/queries';
import { ConfirmDialog, errorMessage, formatRelative, Skeleton, useArrowKeys } from '../../components';
import { navigate, routeHref } from '../../router';

export function SessionList({ current }: { current?: string }) {
  const sessions = useCall<ChatSessionDTO[]>('chat.sessions');
  const [doomed, setDoomed] = useState<ChatSessionDTO | null>(null);
  const run = useAction();
  const queryClient = useQueryClient();
  const onKeyDown = useArrowKeys();

  const remove = async (s: ChatSessionDTO) => {
    setDoomed(null);
    const done = await run('chat.delete', { id: s.id }, { invalidates: ['chat.sessions'], failure: 'Could not delete the chat' });
    if (!done) return;
    queryClient.removeQueries({ queryKey: ['chat.session', { id: s.id }] });
    if (s.id === current) navigate({ screen: 'chat' });
  };

  return (
    <nav className="chat-sessions" aria-labelledby="chat-sessions-title">
      <h2 id="chat-sessions-title" className="chat-sessions-title">
        Chats
      </h2>
      {sessions.isPending ? (
        <Skeleton lines={4} label="Loading chats" />
      ) : sessions.isError ? (
        <p className="form-error small">Could not list the chats: {errorMessage(sessions.error)}</p>
      ) : sessions.data.length === 0 ? (
        <p className="muted small chat-sessions-empty">Your questions and their answers are kept here.</p>
      ) : (
        <ul className="list chat-session-list" onKeyDown={onKeyDown}>
          {sessions.data.map((s) => (
            <li key={s.id} className="chat-session">
              <a className="list-row chat-session-link" href={routeHref({ screen: 'chat', id: s.id })} aria-current={s.id === current ? 'page' : undefined} data-nav-item>
                <span className="chat-session-title">{s.title || 'Untitled chat'}</span>
                <span className="muted small">{formatRelative(s.updatedAt)}</span>
              </a>
              <button type="button" className="icon-button chat-session-delete" aria-label={`Delete the chat “${s.title}”`} title="Delete this chat" onClick={() => setDoomed(s)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={doomed !== null}
        title="Delete this chat?"
        message={
          <p>
            “{doomed?.title}” and every answer in it will be deleted. This cannot be undone; your notes stay as they are.
          </p>
        }
        confirmLabel="Delete chat"
        danger
        onConfirm={() => doomed && void remove(doomed)}
        onCancel={() => setDoomed(null)}
      />
    </nav>
  );
}
