import { z } from 'zod';
import { defineHandlers } from '../engine/handlers';
import { ChatAsk, ChatFeedback, SessionRef } from '../../shared/chat-schemas';

export const chatHandlers = defineHandlers({
  'chat.ask': {
    summary: 'Ask your library a question; the answer streams as chat.token events and comes back with numbered citations',
    input: ChatAsk,
    run: (e, input) => e.chat.ask(input),
  },
  'chat.feedback': { summary: 'Thumbs up (1), down (-1) or neither (null) on an answer', input: ChatFeedback, run: (e, { messageId, value }) => e.chat.feedback(messageId, value) },
  'chat.sessions': { summary: 'Chat sessions, newest first', input: z.object({}), run: (e) => e.chat.sessions() },
  'chat.session': { summary: 'A chat session with its messages', input: SessionRef, run: (e, { id }) => e.chat.session(id) },
  'chat.delete': { summary: 'Deletes a chat session and its messages', input: SessionRef, run: (e, { id }) => e.chat.deleteSession(id) },
});
