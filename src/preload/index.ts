/** Exposes the typed engine client to the renderer; nothing else of Node or Electron crosses the bridge. */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CALL, IPC_EVENT, type EngramClient, type WireResult } from '../shared/client';

const client: EngramClient = {
  async call<T>(handler: string, input?: unknown): Promise<T> {
    const result = (await ipcRenderer.invoke(IPC_CALL, handler, input)) as WireResult<T>;
    if (result.ok) return result.value;
    throw Object.assign(new Error(result.error.message), result.error);
  },
  on(event, fn) {
    const listener = (_e: unknown, name: string, payload: unknown) => {
      if (name === event) (fn as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(IPC_EVENT, listener);
    return () => ipcRenderer.off(IPC_EVENT, listener);
  },
};

contextBridge.exposeInMainWorld('engram', client);
