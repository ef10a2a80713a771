/** Exposes the typed engine client to the renderer; nothing else of Node or Electron crosses the bridge. */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC_CALL, IPC_EVENT, IPC_INGEST_BYTES, IPC_PICK_FOLDER, type EngramClient, type WireResult } from '../shared/client';
import type { EngineEvents } from '../shared/events';
import type { IngestOutcome, IngestSummary } from '../shared/media-schemas';
import { importByPaths } from '../shared/path-import';

function unwrap<T>(result: WireResult<T>): T {
  if (result.ok) return result.value;
  throw Object.assign(new Error(result.error.message), result.error);
}

const client: EngramClient = {
  async call<T>(handler: string, input?: unknown): Promise<T> {
    return unwrap((await ipcRenderer.invoke(IPC_CALL, handler, input)) as WireResult<T>);
  },
  on(event, fn) {
    const listener = (_e: unknown, name: string, payload: unknown) => {
      if (name === event) (fn as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(IPC_EVENT, listener);
    return () => ipcRenderer.off(IPC_EVENT, listener);
  },
  // Dropped and picked files have paths (Electron ≥ 29 gives them through webUtils, not File.path); the engine
  // reads them where they are. A recording made in the window has none and travels as bytes.
  importFiles(files, options = {}) {
    return importByPaths(files, options, {
      pathOf: (file) => {
        try {
          return webUtils.getPathForFile(file);
        } catch {
          return '';
        }
      },
      ingestPaths: (paths, clientOffsetMinutes) => client.call<IngestSummary>('media.ingestPaths', { paths, clientOffsetMinutes }),
      ingestBytes: async (file, meta) =>
        unwrap((await ipcRenderer.invoke(IPC_INGEST_BYTES, file.name, new Uint8Array(await file.arrayBuffer()), meta)) as WireResult<IngestOutcome>),
      onJobProgress: (fn) => client.on('job.progress', fn as (p: EngineEvents['job.progress']) => void),
    });
  },
  async pickFolder() {
    return unwrap((await ipcRenderer.invoke(IPC_PICK_FOLDER)) as WireResult<string | null>);
  },
};

contextBridge.exposeInMainWorld('engram', client);
