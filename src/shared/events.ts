/**
 * Event names shared by IPC, WebSocket/SSE and the CLI's progress bars. Payloads are plain JSON.
 */
export interface EngineEvents {
  /** A node was created, edited, moved, trashed, restored or purged. */
  'node.changed': { id: string; change: 'created' | 'updated' | 'moved' | 'trashed' | 'restored' | 'purged' };
  /** Background embedding: how many chunks still wait for vectors of `embedder`. */
  'index.progress': { embedder: string; pending: number; done: number; total: number };
  /** The embedder used for semantic search changed (a re-embed finished). */
  'index.embedder': { active: string | null; target: string };
  /** Long-running work (imports, exports, backups) reporting progress. */
  'job.progress': { job: string; done: number; total: number; label?: string };
  /** A media item's pipeline step changed state (started, progressed, finished, failed, will retry). */
  'media.step': { nodeId: string; step: string; status: 'running' | 'done' | 'failed' | 'retrying'; progress?: number; error?: string };
  /** A streamed piece of a chat answer (the whole answer is the handler's result). */
  'chat.token': { sessionId: string; messageId: string; text: string };
  /** Something failed in the background and the user should know. */
  'engine.warning': { message: string; detail?: string };
}
export type EngineEventName = keyof EngineEvents;
