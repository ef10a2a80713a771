/**
 * Import a markdown vault (Obsidian style) by choosing its folder. The whole folder is uploaded and imported
 * in one transaction: either every note arrives or none does, and the error names the file at fault.
 */
import { useState } from 'react';
import type { VaultImportResult } from '../../../../shared/vault-schemas';
import { vaultUploadOf } from '../../../../shared/vault-upload';
import { useAction } from '../../client/actions';
import { Spinner } from '../../components';

export function VaultImport() {
  const run = useAction();
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const importFolder = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setBusy(true);
    setStatus(`Reading ${files.length} files…`);
    try {
      const upload = await vaultUploadOf(files);
      setStatus(`Importing ${files.length} files…`);
      const result = await run<VaultImportResult>('vault.importFiles', upload, {
        invalidates: ['notes.list', 'tags.list', 'library.stats'],
        failure: 'The vault was not imported; nothing was changed',
      });
      setStatus(
        result
          ? `Imported ${result.notes} notes, ${result.folders} folders and ${result.attachments} attachments.`
          : 'The vault was not imported; nothing was changed.',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      <label className="settings-field">
        <span>Import a vault folder</span>
        <input
          type="file"
          multiple
          disabled={busy}
          // React has no typed prop for folder pickers; every current browser and Electron honour the attribute.
          ref={(el) => el?.setAttribute('webkitdirectory', '')}
          onChange={(e) => {
            void importFolder(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </label>
      {status && (
        <p role="status" className="muted">
          {busy && <Spinner label="Importing" />} {status}
        </p>
      )}
      <p className="muted small">
        Folders become folders in your notes, front matter becomes tags and dates, <code>[[links]]</code> connect, and
        attachments are kept. From a terminal: <code>engram import ~/Vault</code>.
      </p>
    </div>
  );
}
