/**
 * Adding files from anywhere in the app, mounted once beside the shell: drop files on the window (an overlay
 * says where they go), Ctrl/⌘+O for the file picker, Ctrl/⌘+Shift+R for a voice note, or `importFiles()` /
 * `openImportPicker()` from any screen. Imports run one after another through the client's `importFiles`
 * (uploads in web mode, paths on desktop) with progress, Cancel and a summary.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportMeta } from '../../../../shared/client';
import { useClient } from '../../client/context';
import { useInvalidate } from '../../client/queries';
import { isModKey } from '../keys';
import { errorMessage } from '../Toasts';
import { VoiceNoteDialog } from '../voice/VoiceNoteDialog';
import { localIso } from '../voice/recording';
import { dragHasFiles, takeDroppedFiles } from './dropped-files';
import { MENU_IMPORT_EVENT, onImportRequest } from './import-bus';
import { IMPORT_ACCEPT } from './import-text';
import { ImportStatus, type ActiveImport, type FinishedImport } from './ImportStatus';

interface Job {
  id: number;
  files: File[];
  meta?: ImportMeta;
  label?: string;
}

/** What an import can change on screen. */
const IMPORT_QUERIES = ['timeline.items', 'timeline.day', 'timeline.heatmap', 'dashboard.get', 'library.stats', 'search.query', 'notes.list', 'media.detail'];
// The overlay hides when the drag has not been over the window for this long (a drag that left it, or ended
// outside, sends no event the window can rely on).
const DRAG_IDLE_MS = 350;
/** How many finished imports stay listed. */
const MAX_FINISHED = 3;

export function ImportRoot() {
  const client = useClient();
  const invalidate = useInvalidate();
  const picker = useRef<HTMLInputElement>(null);
  const nextId = useRef(1);
  const [dragging, setDragging] = useState(false);
  const [voiceOpen, setVoiceOpen] = useState(false);
  const [queue, setQueue] = useState<Job[]>([]);
  const [active, setActive] = useState<(ActiveImport & { job: Job }) | null>(null);
  const [finished, setFinished] = useState<(FinishedImport & { job: Job })[]>([]);
  const controller = useRef<AbortController | null>(null);

  const enqueue = useCallback((files: File[], options: { meta?: ImportMeta; label?: string } = {}) => {
    if (files.length === 0) return;
    setQueue((q) => [...q, { id: nextId.current++, files, ...options }]);
  }, []);

  // One import at a time, in the order asked.
  useEffect(() => {
    if (active || queue.length === 0) return;
    const [job, ...rest] = queue as [Job, ...Job[]];
    setQueue(rest);
    const abort = new AbortController();
    controller.current = abort;
    const totalBytes = job.files.reduce((s, f) => s + f.size, 0);
    setActive({
      id: job.id,
      job,
      files: job.files,
      label: job.label,
      cancelling: false,
      progress: { sentBytes: 0, totalBytes, filesDone: 0, filesTotal: job.files.length, currentFile: job.files[0]?.name ?? null },
    });
    void (async () => {
      let done: FinishedImport & { job: Job };
      try {
        if (!client.importFiles) throw new Error('This version of Engram cannot add files from here; use `engram ingest` instead');
        const result = await client.importFiles(job.files, {
          signal: abort.signal,
          isCancelled: () => abort.signal.aborted,
          meta: job.meta,
          onProgress: (progress) => setActive((a) => (a && a.id === job.id ? { ...a, progress } : a)),
        });
        done = { id: job.id, job, label: job.label, result };
        if (result.added > 0) void invalidate(...IMPORT_QUERIES);
      } catch (error) {
        done = { id: job.id, job, label: job.label, error: errorMessage(error) };
      }
      controller.current = null;
      setFinished((f) => [done, ...f].slice(0, MAX_FINISHED));
      setActive(null);
    })();
  }, [active, queue, client, invalidate]);

  // Requests from the rest of the app.
  useEffect(
    () =>
      onImportRequest((request) => {
        if (request.type === 'pick') picker.current?.click();
        else if (request.type === 'voice') setVoiceOpen(true);
        else enqueue(request.files, { meta: request.meta, label: request.label });
      }),
    [enqueue],
  );

  // Ctrl/⌘+O and Ctrl/⌘+Shift+R, from anywhere (the editor too).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || !isModKey(e) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'o' && !e.shiftKey) {
        e.preventDefault();
        picker.current?.click();
      } else if (key === 'r' && e.shiftKey) {
        e.preventDefault();
        setVoiceOpen(true);
      }
    };
    // The desktop menus (File → Add files…, Record voice note) ask through a window event, with a user gesture.
    const onMenu = (e: Event) => ((e as CustomEvent<string>).detail === 'voice' ? setVoiceOpen(true) : picker.current?.click());
    window.addEventListener('keydown', onKey, true);
    window.addEventListener(MENU_IMPORT_EVENT, onMenu);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener(MENU_IMPORT_EVENT, onMenu);
    };
  }, []);

  // Files dragged over the window: the overlay, and the drop anywhere.
  useEffect(() => {
    let idle: ReturnType<typeof setTimeout> | undefined;
    const keepShowing = () => {
      setDragging(true);
      clearTimeout(idle);
      idle = setTimeout(() => setDragging(false), DRAG_IDLE_MS);
    };
    const over = (e: DragEvent) => {
      if (!dragHasFiles(e.dataTransfer)) return;
      // Without this the browser opens the file instead of letting the page have it.
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      keepShowing();
    };
    const drop = (e: DragEvent) => {
      if (!dragHasFiles(e.dataTransfer) || !e.dataTransfer) return;
      e.preventDefault();
      clearTimeout(idle);
      setDragging(false);
      // Desktop reads a dropped folder by its path; a browser must send the files in it.
      void takeDroppedFiles(e.dataTransfer, !client.pickFolder).then((files) => enqueue(files));
    };
    window.addEventListener('dragenter', over);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      clearTimeout(idle);
      window.removeEventListener('dragenter', over);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [client, enqueue]);

  return (
    <>
      <input
        ref={picker}
        type="file"
        multiple
        accept={IMPORT_ACCEPT}
        hidden
        aria-label="Choose files to add"
        data-import-picker=""
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = '';
          enqueue(files);
        }}
      />
      {dragging && (
        <div className="drop-overlay">
          <div className="drop-overlay-card">
            <span className="drop-overlay-icon" aria-hidden="true">
              ⤓
            </span>
            <p className="drop-overlay-title">Drop to add to your library</p>
            <p className="muted small">Photos, videos, recordings, PDFs, Word documents, web pages and notes</p>
          </div>
        </div>
      )}
      <ImportStatus
        active={active}
        waiting={queue.length}
        finished={finished}
        onCancel={() => {
          controller.current?.abort();
          setActive((a) => a && { ...a, cancelling: true });
        }}
        onDismiss={(id) => setFinished((f) => f.filter((x) => x.id !== id))}
        onRetry={(id) => {
          const item = finished.find((x) => x.id === id);
          setFinished((f) => f.filter((x) => x.id !== id));
          if (item) enqueue(item.job.files, { meta: item.job.meta, label: item.job.label });
        }}
      />
      <VoiceNoteDialog
        open={voiceOpen}
        onClose={() => setVoiceOpen(false)}
        onSave={(file, startedAt) => enqueue([file], { meta: { eventTime: localIso(startedAt) }, label: 'Voice note' })}
      />
    </>
  );
}
