/**
 * Files from a drop. A dropped folder arrives as one entry: on desktop the engine reads it by its path (so it
 * stays one item), in a browser its files are read here, recursively, since the server cannot see the folder.
 */

/** Whether a drag carries files (not text or a link dragged within the page). */
export function dragHasFiles(dt: Pick<DataTransfer, 'types'> | null): boolean {
  return !!dt && Array.from(dt.types).includes('Files');
}

// The parts of the File and Directory Entries API a drop gives; typed here to keep the walk testable.
export interface EntryLike {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  file?(success: (file: File) => void, failure?: (error: unknown) => void): void;
  createReader?(): { readEntries(success: (entries: EntryLike[]) => void, failure?: (error: unknown) => void): void };
}

/** Hidden files and folders (.DS_Store, .git) are not what anyone meant to add. */
const hidden = (name: string) => name.startsWith('.');

/** Every file under `entries`, folders walked depth first, hidden ones left out. */
export async function filesFromEntries(entries: EntryLike[]): Promise<File[]> {
  const out: File[] = [];
  for (const entry of entries) {
    if (hidden(entry.name)) continue;
    if (entry.isFile && entry.file) {
      out.push(await new Promise<File>((resolve, reject) => entry.file!(resolve, reject)));
    } else if (entry.isDirectory && entry.createReader) {
      const reader = entry.createReader();
      // readEntries answers in batches (100 in Chromium) until it answers with none.
      for (;;) {
        const batch = await new Promise<EntryLike[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        out.push(...(await filesFromEntries(batch)));
      }
    }
  }
  return out;
}

/**
 * The files of a drop. Entries must be taken while the drop event runs (the list empties after), so call this
 * from the handler itself; the walk through folders may finish later.
 */
export function takeDroppedFiles(dt: DataTransfer, expandFolders: boolean): Promise<File[]> {
  const files = Array.from(dt.files);
  if (!expandFolders) return Promise.resolve(files);
  const entries = Array.from(dt.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() as EntryLike | null | undefined);
  if (entries.length === 0 || entries.some((e) => !e)) return Promise.resolve(files);
  return filesFromEntries(entries as EntryLike[]);
}
