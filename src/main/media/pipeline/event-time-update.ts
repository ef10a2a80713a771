import type { MediaFacts } from '../../../shared/media-schemas';
import type { StepEnv } from './step-types';

/** Sources a person set; evidence found in the file never overrules them. */
const USER_SOURCES = new Set(['user']);

/**
 * Sets the item's event time from what a step found (which weighed all the evidence, the provisional time
 * given at ingest included), unless a person set the time. Returns the item's event time afterwards.
 */
export function applyEventTime(env: StepEnv, nodeId: string, found: NonNullable<MediaFacts['eventTime']>): string | null {
  const current = env.nodes.get(nodeId).eventTime;
  if (current && USER_SOURCES.has(current.source)) return current.at;
  env.nodes.update({
    id: nodeId,
    eventTime: { at: found.at, offsetMinutes: found.offsetMinutes, source: found.source, confidence: found.confidence },
  });
  return found.at;
}
