/**
 * The privacy policy for models, in one place. A node's `ai_usage` decides whether its text may reach a model:
 *   - `none`: never, not any LLM, vision model or remote provider (local indexing such as OCR and search
 *     still serves its owner);
 *   - `chat`: may be used to answer the owner's questions and in summaries;
 *   - `train`: may also feed the user profile and exports for training.
 * Every prompt is built by `buildPrompt`, which takes only passages this module admitted: the `Admitted` brand
 * cannot be made anywhere else, so text that did not pass the policy cannot be put in a prompt by mistake.
 */
import type { AiUsage } from '../../shared/schemas';

export type ModelPurpose = 'answer' | 'summarise' | 'describe' | 'profile';

const admitted: unique symbol = Symbol('admitted');

/** A piece of library text cleared for a purpose. */
export type Admitted<T> = T & { readonly [admitted]: ModelPurpose };

export function mayReachModel(aiUsage: AiUsage, purpose: ModelPurpose): boolean {
  if (aiUsage === 'none') return false;
  if (purpose === 'profile') return aiUsage === 'train';
  return true;
}

/** A SQL condition on a nodes alias selecting the rows that may reach a model for `purpose`. */
export function sqlMayReachModel(purpose: ModelPurpose, alias = 'n'): string {
  return purpose === 'profile' ? `${alias}.ai_usage = 'train'` : `${alias}.ai_usage IN ('chat','train')`;
}

/** The items whose node allows `purpose`; the rest are dropped here and nowhere else. */
export function admit<T extends { aiUsage: AiUsage }>(items: readonly T[], purpose: ModelPurpose): Admitted<T>[] {
  return items.filter((i) => mayReachModel(i.aiUsage, purpose)).map((i) => Object.assign(Object.create(null), i, { [admitted]: purpose }) as Admitted<T>);
}

export interface PromptSource {
  /** The number the answer cites it by. */
  n: number;
  title: string;
  at: string | null;
  text: string;
}

/** Numbers admitted passages as prompt sources, keeping their clearance. */
export function numberSources<T extends { title: string; at: string | null; text: string }>(items: readonly Admitted<T>[]): Admitted<PromptSource>[] {
  return items.map((item, i) => ({ n: i + 1, title: item.title, at: item.at, text: item.text, [admitted]: item[admitted] }) as Admitted<PromptSource>);
}

export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  images?: Buffer[];
}

/**
 * The messages for a model: instructions, the admitted sources (numbered), earlier turns (the owner's own
 * words and the model's answers), and the owner's request. Text from the library enters only through `sources`.
 */
export function buildPrompt(input: {
  system: string;
  sources: readonly Admitted<PromptSource>[];
  history?: readonly { role: 'user' | 'assistant'; content: string }[];
  request: string;
  images?: Buffer[];
}): PromptMessage[] {
  const context = input.sources.length
    ? input.sources.map((s) => `[${s.n}] ${s.title || 'Untitled'}${s.at ? ` (${s.at.slice(0, 10)})` : ''}\n${s.text}`).join('\n\n')
    : '(no sources)';
  return [
    { role: 'system', content: input.system },
    ...(input.history ?? []).map((m) => ({ role: m.role, content: m.content })),
    { role: 'user', content: `Sources:\n${context}\n\n${input.request}`, ...(input.images?.length ? { images: input.images } : {}) },
  ];
}

/**
 * A request to describe an image. The image is either the owner's own upload or a library item the caller
 * cleared with `mayReachModel(…, 'describe')`; nothing else from the library goes with it.
 */
export function buildImagePrompt(instruction: string, image: Buffer): PromptMessage[] {
  return [{ role: 'user', content: instruction, images: [image] }];
}
