/**
 * Chat: ask your memory. Chats are listed on the left (`#/chat/<id>` opens one, `#/chat` starts a new one); the
 * thread shows each question with its answer, whose "[n]" citations and source list open the items they came
 * from (media in the timeline's drawer, notes in the editor). The answer streams in while a model writes it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useLayoutEffect, useRef, useState } from 'react';
import type { ChatMessageDTO, ChatSessionDTO, CitationDTO } from '../../../../shared/chat-schemas';
import { useClient } from '../../client/context';
import { errorCode, useCall } from '../../client/queries';
import { EmptyState, errorMessage, ScreenHeader, Skeleton, Spinner, useToast } from '../../components';
import { navigate, routeHref, useRoute } from '../../router';
import type { AiProvidersDTO } from '../settings/ai-types';
import { ItemDrawer, type DrawerTarget } from '../timeline/ItemDrawer';
import { AnswerText } from './AnswerText';
import { EXAMPLE_QUESTIONS, extractiveHint, isMediaKind, nextFeedback } from './chat-text';
import { Composer, type ComposerHandle } from './Composer';
import { Answer, Question, type CitationActions } from './Message';
import { SessionList } from './SessionList';
import { displayableStream } from './stream';
import { useAsk, type Pending } from './useAsk';

export default function ChatScreen() {
  const route = useRoute();
  const sessionId = route.screen === 'chat' ? route.id : undefined;
  const [drawer, setDrawer] = useState<DrawerTarget | null>(null);
  const composer = useRef<ComposerHandle>(null);
  const { pending, ask, dismiss } = useAsk();
  const shownPending = pending && (pending.sessionId ?? undefined) === sessionId ? pending : null;

  const actions: CitationActions = {
    onOpen: (c: CitationDTO) => {
      if (isMediaKind(c.kind)) setDrawer({ id: c.nodeId, media: true, title: c.title });
      else navigate({ screen: 'notes', id: c.nodeId });
    },
    onAskAbout: (c: CitationDTO) => composer.current?.attach({ kind: 'item', nodeId: c.nodeId, name: c.title || 'this photo', preview: c.thumbnail }),
  };

  return (
    <>
      <ScreenHeader title="Chat">
        <a className="button chat-new" href={routeHref({ screen: 'chat' })} onClick={() => composer.current?.focus()}>
          New chat
        </a>
      </ScreenHeader>
      <div className="chat">
        <SessionList current={sessionId} />
        <div className="chat-main">
          <Thread
            key={sessionId ?? 'new'}
            sessionId={sessionId}
            pending={shownPending}
            actions={actions}
            onExample={(q) => void ask(null, q, null)}
            onRetry={(p) => void ask(p.sessionId, p.question, p.attachment)}
            onDismiss={(p) => {
              dismiss();
              composer.current?.setText(p.question);
            }}
          />
          <Composer ref={composer} busy={pending !== null && pending.error === null} onSend={(q, a) => void ask(sessionId ?? null, q, a)} />
        </div>
      </div>
      <ItemDrawer target={drawer} onClose={() => setDrawer(null)} onOpen={setDrawer} onMoved={(day) => navigate({ screen: 'timeline', date: day })} />
    </>
  );
}

interface ThreadProps {
  sessionId?: string;
  pending: Pending | null;
  actions: CitationActions;
  onExample: (question: string) => void;
  onRetry: (p: Pending) => void;
  onDismiss: (p: Pending) => void;
}

function Thread({ sessionId, pending, actions, onExample, onRetry, onDismiss }: ThreadProps) {
  const session = useCall<ChatSessionDTO>('chat.session', { id: sessionId }, { enabled: sessionId !== undefined });
  const providers = useCall<AiProvidersDTO>('ai.providers.get');
  const modelInUse = (providers.data?.resolved.chat.provider ?? 'none') !== 'none';
  const feedback = useFeedback(sessionId);
  const scroller = useRef<HTMLDivElement>(null);
  // Follows the end of the thread as it grows, unless the reader has scrolled up to read.
  const stuck = useRef(true);
  let messages = session.data?.messages ?? [];
  // The engine stores the question before answering; a refetch meanwhile must not show it twice.
  const last = messages[messages.length - 1];
  if (pending && last?.role === 'user' && last.content === pending.question) messages = messages.slice(0, -1);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stuck.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, pending?.stream.text.length, pending?.error, pending?.question]);

  let body;
  if (sessionId && session.isPending) body = <Skeleton lines={6} label="Loading the chat" />;
  else if (sessionId && session.isError) {
    body =
      errorCode(session.error) === 'not_found' ? (
        <EmptyState title="This chat is not here" action={<a className="button" href={routeHref({ screen: 'chat' })}>Start a new chat</a>}>
          It may have been deleted.
        </EmptyState>
      ) : (
        <EmptyState title="This chat could not be opened" action={<button type="button" className="button" onClick={() => void session.refetch()}>Retry</button>}>
          {errorMessage(session.error)}
        </EmptyState>
      );
  } else if (messages.length === 0 && !pending) body = <Welcome onExample={onExample} />;
  else {
    body = (
      <>
        {messages.map((m, i) =>
          m.role === 'user' ? (
            <Question key={m.id} text={m.content} />
          ) : (
            <Answer
              key={m.id}
              message={m}
              actions={actions}
              onFeedback={(v) => void feedback(m, v)}
              // Only the latest: an older answer may date from before the model was set up.
              hint={i === messages.length - 1 && !pending ? extractiveHint(m, modelInUse) : null}
            />
          ),
        )}
        {pending && <PendingTurn pending={pending} onRetry={() => onRetry(pending)} onDismiss={() => onDismiss(pending)} />}
      </>
    );
  }

  return (
    <div
      ref={scroller}
      className="chat-thread"
      onScroll={(e) => {
        const el = e.currentTarget;
        stuck.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
    >
      <section className="chat-thread-inner" aria-label={session.data?.title ? `Chat: ${session.data.title}` : 'New chat'}>
        {body}
      </section>
    </div>
  );
}

/** The question being answered: thinking, then the answer as it streams, or what went wrong. */
function PendingTurn({ pending, onRetry, onDismiss }: { pending: Pending; onRetry: () => void; onDismiss: () => void }) {
  const text = displayableStream(pending.stream.text);
  return (
    <>
      <Question text={pending.question} picture={pending.attachment?.preview} />
      {pending.error ? (
        <div className="chat-msg chat-error" role="alert">
          <p>
            <strong>This question was not answered.</strong> {pending.error}
          </p>
          <div className="row">
            <button type="button" className="button button-primary" onClick={onRetry}>
              Retry
            </button>
            <button type="button" className="button" onClick={onDismiss}>
              Edit the question
            </button>
          </div>
        </div>
      ) : text ? (
        <article className="chat-msg chat-answer" aria-busy="true" aria-label="Answer being written">
          <AnswerText text={text} citations={[]} />
          <p className="chat-writing muted small">
            <Spinner label="Writing the answer" /> Writing…
          </p>
        </article>
      ) : (
        <div className="chat-msg chat-answer chat-thinking" role="status">
          <Spinner label="Answering" /> Looking through your library…
        </div>
      )}
    </>
  );
}

function Welcome({ onExample }: { onExample: (q: string) => void }) {
  const providers = useCall<AiProvidersDTO>('ai.providers.get');
  const chat = providers.data?.resolved.chat;
  return (
    <EmptyState title="Ask your memory">
      <p>Questions are answered from your notes, journal, photos and files, with the passages each answer came from.</p>
      <ul className="chat-examples" aria-label="Example questions">
        {EXAMPLE_QUESTIONS.map((q) => (
          <li key={q}>
            <button type="button" className="button chat-example" onClick={() => onExample(q)}>
              {q}
            </button>
          </li>
        ))}
      </ul>
      {chat?.provider === 'none' && (
        <p className="small chat-no-model">
          No chat model is set up, so answers are put together from your notes’ own sentences.{' '}
          <a href={routeHref({ screen: 'settings' })}>Choose a model in Settings</a>.
        </p>
      )}
      <p className="small">Items whose AI use is “No AI” are never shown to a model.</p>
    </EmptyState>
  );
}

/** Thumbs up or down on an answer; the stored vote comes back and replaces the message in the chat's cache. */
function useFeedback(sessionId?: string) {
  const client = useClient();
  const queryClient = useQueryClient();
  const toast = useToast();
  return async (m: ChatMessageDTO, clicked: 1 | -1) => {
    const value = nextFeedback(m.feedback, clicked);
    const key = ['chat.session', { id: sessionId }];
    const put = (message: ChatMessageDTO) =>
      queryClient.setQueryData<ChatSessionDTO>(key, (s) => s && { ...s, messages: s.messages?.map((x) => (x.id === message.id ? message : x)) });
    const save = async (): Promise<void> => {
      put({ ...m, feedback: value });
      try {
        put(await client.call<ChatMessageDTO>('chat.feedback', { messageId: m.id, value }));
      } catch (error) {
        put(m);
        toast.error(`Could not save your rating: ${errorMessage(error)}`, { retry: save });
      }
    };
    await save();
  };
}
