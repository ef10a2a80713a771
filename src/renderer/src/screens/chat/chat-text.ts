/** Words and small decisions of the chat screen, kept out of the components so they can be tested. */
import type { AnswerMode, ChatMessageDTO } from '../../../../shared/chat-schemas';

/** Kinds that open in the media drawer (preview, player, what was read from them) rather than the editor. */
const MEDIA_KINDS = new Set(['photo', 'video', 'audio', 'document', 'screenshot', 'camera_frame']);
export const isMediaKind = (kind: string): boolean => MEDIA_KINDS.has(kind);

/** What a mode label says above an answer; null for a model's answer, which names its model instead. */
export function modeLabel(mode: AnswerMode | null): string | null {
  if (mode === 'extractive') return 'Answered from your notes without a model';
  if (mode === 'nothing') return 'Nothing in your library about this — closest items:';
  return null;
}

/**
 * Why an answer was put together without a model although one is set up now: the engine falls back when the
 * matching items do not allow AI use (it says "No chat model is set up" then too) or when the model failed
 * (which the answer says itself). Null when there is nothing to add.
 */
export function extractiveHint(m: Pick<ChatMessageDTO, 'mode' | 'content'>, modelInUse: boolean): string | null {
  if (m.mode !== 'extractive' || !modelInUse || /The chat model failed/.test(m.content)) return null;
  return 'A chat model is set up, but none of the items that match allows AI use, so none of them was shown to it. Choose “Answers” under “What AI may do with it” in an item’s details to let the model read it.';
}

/** The heading of an answer's source list. */
export function sourcesHeading(mode: AnswerMode | null, count: number): string {
  if (mode === 'nothing') return count === 1 ? 'Closest item' : 'Closest items';
  return count === 1 ? 'Source' : `Sources (${count})`;
}

/** "llama3.2 via Ollama on 127.0.0.1:11434" from a provider id such as `ollama:llama3.2@127.0.0.1:11434`. */
export function modelText(m: Pick<ChatMessageDTO, 'provider' | 'model'>): string | null {
  if (!m.provider && !m.model) return null;
  const match = /^([a-z]+):.*@(.+)$/.exec(m.provider ?? '');
  const engine = match ? ({ ollama: 'Ollama', openai: 'an OpenAI-compatible server' } as Record<string, string>)[match[1]!] ?? match[1] : null;
  const model = m.model ?? m.provider ?? '';
  return engine ? `${model} via ${engine} at ${match![2]}` : model;
}

/** A thumbs button pressed again takes the vote back. */
export function nextFeedback(current: -1 | 1 | null, clicked: -1 | 1): -1 | 1 | null {
  return current === clicked ? null : clicked;
}

export const EXAMPLE_QUESTIONS = [
  'What did I write about last week?',
  'When did I last go to the dentist?',
  'What are my notes on sourdough?',
  'Who did I meet in March?',
];

/** Photos the engine accepts with a question, and how large. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** Why a file cannot go with a question, or null when it can. */
export function imageProblem(file: { type: string; size: number; name: string }): string | null {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) return `“${file.name}” is not a JPEG, PNG or WebP picture.`;
  if (file.size > MAX_IMAGE_BYTES) return `“${file.name}” is larger than 10 MB; pick a smaller picture.`;
  return null;
}

/** The base64 part of a `data:` URL as FileReader gives it. */
export function base64OfDataUrl(url: string): string {
  const comma = url.indexOf(',');
  return comma === -1 ? '' : url.slice(comma + 1);
}

/** Enter sends; Shift+Enter (and Enter while an input method composes) makes a new line. */
export function isSendKey(e: { key: string; shiftKey: boolean; altKey: boolean; isComposing?: boolean }): boolean {
  return e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.isComposing;
}
