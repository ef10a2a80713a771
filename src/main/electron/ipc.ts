/** The IPC transport: one channel for handler calls, one for engine events, both over the registry. */
import { ipcMain, type WebContents } from 'electron';
import { EngramError } from '../../shared/errors';
import { IPC_CALL, IPC_EVENT, type WireResult } from '../../shared/client';
import type { Engine } from '../engine/engine';
import { invoke, type Handler } from '../engine/handlers';

/** Serves `handlers` (the engine's registry plus desktop-only ones) to the window's renderer. */
export function serveIpc(engine: Engine, handlers: Record<string, Handler>, target: () => WebContents | undefined): () => void {
  ipcMain.handle(IPC_CALL, async (_e, name: string, input: unknown): Promise<WireResult<unknown>> => {
    try {
      return { ok: true, value: await invoke(handlers, engine, name, input) };
    } catch (err) {
      const e = err instanceof EngramError ? err : new EngramError('internal', (err as Error).message);
      return { ok: false, error: { code: e.code, message: e.message, details: e.details } };
    }
  });
  const off = engine.events.onAny((name, payload) => target()?.send(IPC_EVENT, name, payload));
  return () => {
    ipcMain.removeHandler(IPC_CALL);
    off();
  };
}
