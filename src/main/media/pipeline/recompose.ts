import type { MediaFacts } from '../../../shared/media-schemas';
import { composeMediaBody } from './media-body';
import type { StepEnv } from './step-types';

/**
 * Records what a step found about an item and rewrites the node's body from all its facts (chunks and vectors
 * follow through the node store).
 */
export function recordSearchableFacts(env: StepEnv, nodeId: string, found: Partial<MediaFacts>): void {
  const facts = env.items.record(nodeId, found);
  const item = env.items.get(nodeId);
  if (!item || item.media_kind === 'document') return; // A document's body is its text, written by its own step.
  const body = composeMediaBody(item.media_kind, facts);
  if (env.nodes.get(nodeId).body !== body) env.nodes.update({ id: nodeId, body });
}
