/**
 * What the renderer sees of the engine: call a handler by name, and listen to engine events. The preload
 * implements it over IPC; web mode implements it over HTTP and a live event stream.
 */
import type { EngineEventName, EngineEvents } from './events';

export interface EngramClient {
  call<T = unknown>(handler: string, input?: unknown): Promise<T>;
  on<K extends EngineEventName>(event: K, fn: (payload: EngineEvents[K]) => void): () => void;
  /**
   * Web mode only: `fn` runs when the event stream comes back after a drop, since events sent meanwhile were
   * missed and cached data may be stale. IPC never drops events, so the desktop client has no such hook.
   */
  onResync?(fn: () => void): () => void;
}

/** How an error crosses IPC: structured-clone loses Error subclasses, so it travels as plain data. */
export interface WireError {
  code: string;
  message: string;
  details?: unknown;
}

export type WireResult<T> = { ok: true; value: T } | { ok: false; error: WireError };

export const IPC_CALL = 'engram:call';
export const IPC_EVENT = 'engram:event';
