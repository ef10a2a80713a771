/** Chat with your memory: inputs and DTOs shared by the engine, HTTP and the renderer. */
import { z } from 'zod';
import { NodeId, type NodeKind } from './schemas';

export const ChatAsk = z.object({
  /** Continue this session; a new one is started when omitted. */
  sessionId: z.string().uuid().optional(),
  question: z.string().trim().min(1).max(4000),
  /** A photo to ask about: a library item, or an image sent with the question (base64, at most 10 MB). */
  attachment: z
    .union([z.object({ nodeId: NodeId }), z.object({ imageBase64: z.string().max(14_000_000), mime: z.enum(['image/jpeg', 'image/png', 'image/webp']) })])
    .optional(),
  /** The asker's clock offset, so "yesterday" means their yesterday. */
  timezoneOffsetMinutes: z.number().int().min(-900).max(900).optional(),
});
export type ChatAsk = z.input<typeof ChatAsk>;

export interface CitationDTO {
  n: number;
  nodeId: string;
  kind: NodeKind;
  title: string;
  /** HTML-escaped excerpt with <mark> around matched words, as search gives it. */
  snippet: string;
  at: string | null;
  thumbnail: string | null;
}

export type AnswerMode = 'llm' | 'extractive' | 'nothing';

export interface ChatMessageDTO {
  id: string;
  sessionId: string;
  role: 'user' | 'assistant';
  content: string;
  mode: AnswerMode | null;
  provider: string | null;
  model: string | null;
  citations: CitationDTO[];
  feedback: -1 | 1 | null;
  createdAt: string;
}

export interface ChatSessionDTO {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  messages?: ChatMessageDTO[];
}

export const ChatFeedback = z.object({ messageId: z.string().uuid(), value: z.union([z.literal(1), z.literal(-1), z.null()]) });
export const SessionRef = z.object({ id: z.string().uuid() });
