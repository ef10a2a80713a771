/**
 * The IPC transport: one channel for handler calls, one for engine events, both over the registry; and two
 * desktop-only channels the import needs: bytes that have no path (a recording made in the window), and the
 * system folder picker (for watched folders).
 */
import fsp from 'node:fs/promises';
import { BrowserWindow, dialog, ipcMain, type WebContents } from 'electron';
import { EngramError } from '../../shared/errors';
import { IPC_CALL, IPC_EVENT, IPC_INGEST_BYTES, IPC_PICK_FOLDER, type WireResult } from '../../shared/client';
import { UploadMeta } from '../../shared/media-schemas';
import type { Engine } from '../engine/engine';
import { invalid, invoke, type Handler } from '../engine/handlers';
import { ingestFile } from '../media/ingest';
import { withTempFile } from '../media/temp-file';

async function wire<T>(run: () => Promise<T> | T): Promise<WireResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    const e = err instanceof EngramError ? err : new EngramError('internal', (err as Error).message);
    return { ok: false, error: { code: e.code, message: e.message, details: e.details } };
  }
}

/** Writes `bytes` to a temp file under the library and ingests it like an upload. */
async function ingestBytes(engine: Engine, fileName: unknown, bytes: unknown, meta: unknown) {
  if (!(bytes instanceof Uint8Array)) throw new EngramError('invalid_input', 'Send the file as bytes (a Uint8Array)');
  const parsed = UploadMeta.safeParse({ ...(meta && typeof meta === 'object' ? meta : {}), fileName });
  if (!parsed.success) throw invalid(parsed.error);
  return withTempFile(engine.dir, async (tmp) => {
    await fsp.writeFile(tmp, bytes);
    return ingestFile(engine.media, { file: tmp, meta: parsed.data, source: 'upload' });
  });
}

/** Serves `handlers` (the engine's registry plus desktop-only ones) to the window's renderer. */
export function serveIpc(engine: Engine, handlers: Record<string, Handler>, target: () => WebContents | undefined): () => void {
  ipcMain.handle(IPC_CALL, (_e, name: string, input: unknown) => wire(() => invoke(handlers, engine, name, input)));
  ipcMain.handle(IPC_INGEST_BYTES, (_e, fileName: unknown, bytes: unknown, meta: unknown) => wire(() => ingestBytes(engine, fileName, bytes, meta)));
  ipcMain.handle(IPC_PICK_FOLDER, (e) =>
    wire(async () => {
      const owner = BrowserWindow.fromWebContents(e.sender);
      const options = { title: 'Choose a folder to watch', properties: ['openDirectory' as const] };
      const picked = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    }),
  );
  const off = engine.events.onAny((name, payload) => target()?.send(IPC_EVENT, name, payload));
  return () => {
    ipcMain.removeHandler(IPC_CALL);
    ipcMain.removeHandler(IPC_INGEST_BYTES);
    ipcMain.removeHandler(IPC_PICK_FOLDER);
    off();
  };
}
