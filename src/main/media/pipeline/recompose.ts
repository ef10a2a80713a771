import type { MediaFacts } from '../../../shared/media-schemas';
import { composeMediaBody } from './media-body';
import type { StepEnv } from './step-types';

/** Rewrites a media node's body from its facts (chunks and vectors follow through the node store). */
export function recomposeBody(env: StepEnv, nodeId: string, facts: MediaFacts): void {
  const item = env.items.get(nodeId);
  if (!item || item.media_kind === 'document') return; // A document's body is its text, written by its own step.
  const body = composeMediaBody(item.media_kind, facts);
  if (env.nodes.get(nodeId).body !== body) env.nodes.update({ id: nodeId, body });
}
