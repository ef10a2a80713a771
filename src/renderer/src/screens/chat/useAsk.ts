/**
 * Asking: the question in flight with its streamed answer, or its failure with a way to try again. The answer
 * arrives whole as `chat.ask`'s result; the session is then loaded with it before the streamed text is dropped,
 * so the screen goes from one to the other without a flash. A new chat's first answer moves the route to it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { ChatMessageDTO, ChatSessionDTO } from '../../../../shared/chat-schemas';
import { clockOffsetMinutes } from '../../../../shared/journal';
import { useClient } from '../../client/context';
import { useEngineEvent } from '../../client/events';
import { errorMessage } from '../../components';
import { navigateAndSettle, parseRoute } from '../../router';
import type { Attachment } from './Composer';
import { acceptToken, startStream, type StreamState } from './stream';

export interface Pending {
  /** The session asked in; null for a new chat. */
  sessionId: string | null;
  question: string;
  attachment: Attachment | null;
  stream: StreamState;
  error: string | null;
}

function attachmentInput(a: Attachment | null) {
  if (!a) return undefined;
  return a.kind === 'item' ? { nodeId: a.nodeId } : { imageBase64: a.imageBase64, mime: a.mime };
}

export function useAsk() {
  const client = useClient();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Pending | null>(null);

  useEngineEvent('chat.token', (e) =>
    setPending((p) => {
      if (!p || p.error) return p;
      const stream = acceptToken(p.stream, e);
      return stream === p.stream ? p : { ...p, stream };
    }),
  );

  const ask = useCallback(
    async (sessionId: string | null, question: string, attachment: Attachment | null): Promise<void> => {
      const mine: Pending = { sessionId, question, attachment, stream: startStream(sessionId ?? undefined), error: null };
      setPending(mine);
      try {
        const answer = await client.call<ChatMessageDTO>('chat.ask', {
          ...(sessionId ? { sessionId } : {}),
          question,
          attachment: attachmentInput(attachment),
          timezoneOffsetMinutes: clockOffsetMinutes(),
        });
        await queryClient.fetchQuery({
          queryKey: ['chat.session', { id: answer.sessionId }],
          queryFn: () => client.call<ChatSessionDTO>('chat.session', { id: answer.sessionId }),
          staleTime: 0,
        });
        void queryClient.invalidateQueries({ queryKey: ['chat.sessions'] });
        // Still looking at the new chat: it becomes this session's page.
        const here = parseRoute(window.location.hash);
        if (!sessionId && here.screen === 'chat' && !here.id) await navigateAndSettle({ screen: 'chat', id: answer.sessionId });
        setPending((p) => (p === mine || p?.question === question ? null : p));
      } catch (error) {
        // A session the engine started before failing shows in the list.
        void queryClient.invalidateQueries({ queryKey: ['chat.sessions'] });
        setPending((p) => (p && p.question === question && p.sessionId === sessionId ? { ...p, error: errorMessage(error) } : p));
      }
    },
    [client, queryClient],
  );

  const dismiss = useCallback(() => setPending(null), []);
  return { pending, ask, dismiss };
}
