/**
 * Chat with your memory: a question is understood, the library searched, and the answer written by the chat
 * model from the passages its privacy allows, with numbered citations; streamed as `chat.token` events.
 * Without a model the answer is the best passages with an extractive summary, labelled as such; when nothing
 * in the library is about the question, the answer says so instead of guessing.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Engine } from '../engine/engine';
import { EngramError, notFound } from '../../shared/errors';
import type { AnswerMode, ChatAsk, ChatMessageDTO, ChatSessionDTO, CitationDTO } from '../../shared/chat-schemas';
import { admit, buildImagePrompt, buildPrompt, mayReachModel, numberSources } from '../ai/policy';
import { extractiveSummary } from './extractive';
import { understand } from './query';
import { retrieve, type Passage } from './retrieve';

const SYSTEM = [
  "You answer questions about the user's own notes, journal, photos and files, using only the numbered sources.",
  'Cite every fact with its source number in square brackets, like [2]. If the sources do not answer the question,',
  'say so plainly. Be brief. The current date is {today}.',
].join(' ');
/** Characters of passages in a prompt: about 3,000 tokens, which fits every current chat model with room to answer. */
const CONTEXT_CHARS = 12_000;
const MAX_SOURCES = 8;
const DESCRIBE = 'Describe this photo in two or three plain sentences: what and who is in it, where it seems to be, and any text in it.';
const HISTORY_TURNS = 6;

interface MessageRow {
  id: string;
  session_id: string;
  role: 'user' | 'assistant';
  content: string;
  mode: AnswerMode | null;
  provider: string | null;
  model: string | null;
  citations: string;
  feedback: -1 | 1 | null;
  created_at: string;
}

export class ChatService {
  constructor(
    private readonly engine: Engine,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Answers a question. `sessionId` continues a chat, or names a new one (so a client can match streamed
   * tokens from the start); nothing is stored until the answer exists, so a failed ask leaves no half chat.
   */
  async ask(input: ChatAsk & { question: string }, opts: { signal?: AbortSignal } = {}): Promise<ChatMessageDTO> {
    const existing = input.sessionId ? this.sessionRow(input.sessionId) : undefined;
    const sessionId = existing?.id ?? input.sessionId ?? randomUUID();
    const history = existing ? this.messages(sessionId) : [];
    const previousQuestion = [...history].reverse().find((m) => m.role === 'user')?.content;

    const seen = await this.describeAttachment(input, opts.signal);
    const q = understand(`${input.question} ${seen ?? ''}`.trim(), previousQuestion);
    const { passages } = await retrieve(this.engine, q, { limit: MAX_SOURCES, budgetChars: CONTEXT_CHARS, offsetMinutes: input.timezoneOffsetMinutes, now: this.now() });
    const relevant = passages.filter((p) => p.keywordMatch);

    const messageId = randomUUID();
    const answer = relevant.length === 0 && !seen
      ? this.nothingFound(q.terms, passages)
      : await this.compose(messageId, sessionId, input.question, relevant.length ? relevant : passages, history, seen, opts.signal);
    return this.engine.db.transaction(() => {
      if (!existing) this.createSession(sessionId, input.question);
      this.insert({ sessionId, role: 'user', content: input.question });
      return this.insert({ id: messageId, sessionId, role: 'assistant', ...answer });
    })();
  }

  /** The model's answer from the admitted passages, or the extractive one when there is no model or it fails. */
  private async compose(
    messageId: string,
    sessionId: string,
    question: string,
    passages: Passage[],
    history: ChatMessageDTO[],
    seen: string | null,
    signal?: AbortSignal,
  ): Promise<Answer> {
    const allowed = admit(passages, 'answer');
    const withheld = passages.length - allowed.length;
    const provider = await this.engine.ai.provider('chat');
    if (provider && (allowed.length > 0 || seen)) {
      try {
        const completion = await this.engine.ai.complete(
          'chat',
          'chat',
          buildPrompt({
            system: SYSTEM.replace('{today}', this.now().toISOString().slice(0, 10)),
            sources: numberSources(allowed),
            history: this.allowedHistory(history),
            request: seen ? `The user attached a photo, which shows: ${seen}\n\n${question}` : question,
          }),
          { signal, onToken: (text) => this.engine.events.emit('chat.token', { sessionId, messageId, text }) },
        );
        if (completion) {
          const note = withheld ? `\n\n_${withheld} matching item${withheld === 1 ? ' was' : 's were'} not used: AI use is off for ${withheld === 1 ? 'it' : 'them'}._` : '';
          return {
            content: completion.text + note,
            mode: 'llm',
            provider: completion.provider,
            model: completion.model,
            citations: this.citations(allowed.map((p, i) => ({ ...p, n: i + 1 })).filter((p) => completion.text.includes(`[${p.n}]`))),
          };
        }
      } catch (error) {
        // The model failed part way or is down: the owner still gets an answer from their notes.
        return this.extractive(question, passages, `The chat model failed (${(error as Error).message})`);
      }
    }
    const why = provider
      ? 'Your chat model was not used: AI use is set to "none" on every item that matches'
      : 'No chat model is set up';
    return this.extractive(question, passages, why);
  }

  private extractive(question: string, passages: Passage[], why: string): Answer {
    const numbered = passages.map((p, i) => ({ ...p, n: i + 1 }));
    const summary = extractiveSummary(understand(question).terms, numbered);
    return {
      content: `${why}, so this is what your library says, in its own words:\n\n${summary || numbered[0]?.text.slice(0, 400) || ''}`,
      mode: 'extractive',
      provider: null,
      model: null,
      citations: this.citations(numbered),
    };
  }

  /** Earlier turns for the prompt, minus answers that quote items whose AI use is now off. */
  private allowedHistory(history: ChatMessageDTO[]): { role: 'user' | 'assistant'; content: string }[] {
    const usage = this.engine.db.prepare('SELECT ai_usage FROM nodes WHERE id = ?').pluck();
    return history
      .filter((m) => m.role === 'user' || m.citations.every((c) => mayReachModel((usage.get(c.nodeId) as 'none' | undefined) ?? 'none', 'answer')))
      .slice(-HISTORY_TURNS)
      .map((m) => ({ role: m.role, content: m.content }));
  }

  /**
   * What an attached photo shows, in words: described by the vision model when one is set, else what the
   * pipeline saw in a library photo (objects, text). The words then join the question for retrieval and the
   * prompt, so the chat model needs no vision of its own.
   */
  private async describeAttachment(input: ChatAsk, signal?: AbortSignal): Promise<string | null> {
    const a = input.attachment;
    if (!a) return null;
    let bytes: Buffer | null;
    let local: string | null = null;
    if ('imageBase64' in a) {
      bytes = Buffer.from(a.imageBase64, 'base64');
    } else {
      const node = this.engine.nodes.get(a.nodeId);
      if (!mayReachModel(node.aiUsage, 'describe')) {
        throw new EngramError('forbidden', `"${node.title || 'This item'}" has AI use set to "none", so it is not shown to any model. Allow AI use on it, or ask without it.`);
      }
      const preview = this.engine.blobs.ofNode(node.id).find((b) => b.role === 'preview' || b.role === 'poster');
      const file = preview ? this.engine.blobs.absolute(preview) : null;
      bytes = file && fs.existsSync(file) ? fs.readFileSync(file) : null;
      const facts = this.engine.media.items.facts(node.id);
      local = [node.title, facts.tags?.map((t) => t.label).join(', '), facts.ocr?.text].filter(Boolean).join('. ');
    }
    if (!bytes) return local;
    const described = await this.engine.ai
      .complete('vision', 'describe', buildImagePrompt(DESCRIBE, bytes), { signal, maxTokens: 200 })
      .catch(() => null);
    return described?.text.trim() || local;
  }

  private citations(passages: (Passage & { n: number })[]): CitationDTO[] {
    const thumb = this.engine.db.prepare(`SELECT sha256 FROM node_blobs WHERE node_id = ? AND role = 'thumbnail'`).pluck();
    return passages.map((p) => {
      const sha = thumb.get(p.nodeId) as string | undefined;
      return { n: p.n, nodeId: p.nodeId, kind: p.kind, title: p.title, snippet: p.snippet, at: p.at, thumbnail: sha ? this.engine.blobUrls.url(sha) : null };
    });
  }

  /** The honest answer when no item contains the question's words; the nearest by meaning are offered. */
  private nothingFound(terms: string[], closest: Passage[]): Answer {
    const what = terms.length ? `“${terms.join(' ')}”` : 'that';
    const offered = closest.slice(0, 3).map((p, i) => ({ ...p, n: i + 1 }));
    return {
      content: `Nothing in your library is about ${what}.${offered.length ? ' The closest items are listed below, in case one of them is what you meant.' : ''}`,
      mode: 'nothing',
      provider: null,
      model: null,
      citations: this.citations(offered),
    };
  }

  feedback(messageId: string, value: 1 | -1 | null): ChatMessageDTO {
    const changed = this.engine.db.prepare(`UPDATE chat_messages SET feedback = ? WHERE id = ? AND role = 'assistant'`).run(value, messageId).changes;
    if (!changed) throw notFound('Answer', messageId);
    return toDTO(this.engine.db.prepare('SELECT * FROM chat_messages WHERE id = ?').get(messageId) as MessageRow);
  }

  sessions(): ChatSessionDTO[] {
    return (this.engine.db.prepare('SELECT * FROM chat_sessions ORDER BY updated_at DESC LIMIT 200').all() as { id: string; title: string; created_at: string; updated_at: string }[]).map(
      (s) => ({ id: s.id, title: s.title, createdAt: s.created_at, updatedAt: s.updated_at }),
    );
  }

  session(id: string): ChatSessionDTO {
    const s = this.engine.db.prepare('SELECT * FROM chat_sessions WHERE id = ?').get(id) as { id: string; title: string; created_at: string; updated_at: string } | undefined;
    if (!s) throw notFound('Chat', id);
    return { id: s.id, title: s.title, createdAt: s.created_at, updatedAt: s.updated_at, messages: this.messages(id) };
  }

  deleteSession(id: string): { deleted: true } {
    if (!this.engine.db.prepare('DELETE FROM chat_sessions WHERE id = ?').run(id).changes) throw notFound('Chat', id);
    return { deleted: true };
  }

  private messages(sessionId: string): ChatMessageDTO[] {
    return (this.engine.db.prepare('SELECT * FROM chat_messages WHERE session_id = ? ORDER BY created_at, rowid').all(sessionId) as MessageRow[]).map(toDTO);
  }

  private sessionRow(id: string): { id: string } | undefined {
    return this.engine.db.prepare('SELECT id FROM chat_sessions WHERE id = ?').get(id) as { id: string } | undefined;
  }

  private createSession(id: string, question: string): void {
    const at = this.now().toISOString();
    this.engine.db
      .prepare('INSERT INTO chat_sessions (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run(id, question.replace(/\s+/g, ' ').slice(0, 80), at, at);
  }

  private insert(m: { id?: string; sessionId: string; role: 'user' | 'assistant' } & Partial<Answer> & { content: string }): ChatMessageDTO {
    if (!this.engine.db.prepare('SELECT 1 FROM chat_sessions WHERE id = ?').get(m.sessionId)) throw notFound('Chat', m.sessionId);
    const at = this.now().toISOString();
    const id = m.id ?? randomUUID();
    this.engine.db.transaction(() => {
      this.engine.db
        .prepare(
          `INSERT INTO chat_messages (id, session_id, role, content, mode, provider, model, citations, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, m.sessionId, m.role, m.content, m.mode ?? null, m.provider ?? null, m.model ?? null, JSON.stringify(m.citations ?? []), at);
      this.engine.db.prepare('UPDATE chat_sessions SET updated_at = ? WHERE id = ?').run(at, m.sessionId);
    })();
    return toDTO(this.engine.db.prepare('SELECT * FROM chat_messages WHERE id = ?').get(id) as MessageRow);
  }
}

interface Answer {
  content: string;
  mode: AnswerMode;
  provider: string | null;
  model: string | null;
  citations: CitationDTO[];
}


function toDTO(r: MessageRow): ChatMessageDTO {
  return {
    id: r.id,
    sessionId: r.session_id,
    role: r.role,
    content: r.content,
    mode: r.mode,
    provider: r.provider,
    model: r.model,
    citations: JSON.parse(r.citations) as CitationDTO[],
    feedback: r.feedback,
    createdAt: r.created_at,
  };
}
