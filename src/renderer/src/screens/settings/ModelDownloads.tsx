/**
 * Settings → Model files: download an ONNX embedding model (a folder of files) or a Whisper model into the
 * library when the machine is online, each file checked against its SHA-256, with progress; then use an
 * ONNX one for search. Nothing is installed unless every file arrived intact.
 */
import { useState } from 'react';
import { useAction } from '../../client/actions';
import { useEngineEvent } from '../../client/events';
import { useCall } from '../../client/queries';
import { ProgressBar } from '../../components';
import { parseModelFiles } from './model-files';

interface Downloaded {
  name: string;
  dir: string;
}

export function ModelDownloadsSection() {
  const run = useAction();
  const models = useCall<Downloaded[]>('models.list', {});
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'onnx-embedding' | 'whisper'>('onnx-embedding');
  const [files, setFiles] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; label?: string } | null>(null);

  useEngineEvent('job.progress', (p) => {
    if (p.job === `model.download:${name}`) setProgress({ done: p.done, total: p.total, label: p.label });
  });

  const download = async () => {
    const parsed = parseModelFiles(files);
    if ('error' in parsed) return setError(parsed.error);
    setError(null);
    setProgress({ done: 0, total: 1 });
    const done = await run('models.download', { name: name.trim(), kind, files: parsed.files }, { invalidates: ['models.list'], failure: 'The model was not installed' });
    setProgress(null);
    if (done) setFiles('');
  };

  return (
    <section className="card stack" aria-labelledby="settings-models">
      <h2 id="settings-models">Model files</h2>
      <p className="muted small">
        Download a local model when this machine is online: an ONNX sentence-transformer for search by meaning, or a Whisper
        file for a speech server. Give each file's address, where it goes in the model folder, and its SHA-256 (from the
        model's page), one file per line: <code>URL PATH SHA256</code>.
      </p>
      <div className="settings-grid">
        <label className="settings-field">
          Name
          <input className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="all-MiniLM-L6-v2" />
        </label>
        <label className="settings-field">
          Kind
          <select className="input" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="onnx-embedding">ONNX embedding model</option>
            <option value="whisper">Whisper model</option>
          </select>
        </label>
      </div>
      <label className="settings-field">
        Files
        <textarea className="input settings-key" rows={3} value={files} onChange={(e) => setFiles(e.target.value)} placeholder="https://…/model.onnx onnx/model.onnx 6fd5…" />
      </label>
      {error && <p className="settings-field-error" role="alert">{error}</p>}
      {progress && <ProgressBar value={progress.done} max={progress.total} label="Downloading" detail={progress.label} />}
      <div className="row">
        <button type="button" className="button" onClick={() => void download()} disabled={!name.trim() || !files.trim() || progress !== null}>
          Download and check
        </button>
      </div>
      {models.data && models.data.length > 0 && (
        <ul className="watch-list" aria-label="Downloaded models">
          {models.data.map((m) => (
            <li key={m.name} className="watch-row">
              <div className="watch-main">
                <span className="watch-title">{m.name}</span>
                <code className="watch-path">{m.dir}</code>
              </div>
              <button
                type="button"
                className="button button-small"
                onClick={() => void run('index.setEmbedder', { provider: 'onnx', modelDir: m.dir }, { invalidates: ['settings.get'], failure: `Could not use ${m.name} for search` })}
              >
                Use for search
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
