/**
 * Settings: where the library lives, which embedder finds things by meaning, importing (files, voice notes,
 * vaults), media limits and storage, speech to text, AI models with their usage and the profile, watched
 * folders, and the HTTP API key.
 */
import type { SettingsDTO } from '../../../../shared/status';
import { useEngineEvent } from '../../client/events';
import { useCall, useInvalidate } from '../../client/queries';
import { QueryState, ScreenHeader } from '../../components';
import { ImportButtons } from '../../components/import';
import { AiModelsSection } from './AiModelsSettings';
import { ApiKeySettings } from './ApiKeySettings';
import { VaultImport } from './VaultImport';
import { DesktopSettings } from './DesktopSettings';
import { EmbedderChooser, EmbedderStatus } from './EmbedderSettings';
import { MediaSettingsSection } from './MediaSettings';
import { ModelDownloadsSection } from './ModelDownloads';
import { ProfileSection } from './ProfileSettings';
import { SpeechSettingsSection } from './SpeechSettings';
import { UsageSection } from './UsageSettings';
import { WatchedFoldersSection } from './WatchedFolders';
import './settings.css';

// While a re-embed runs, its progress bar follows the count this often.
const PROGRESS_POLL_MS = 1000;

export default function SettingsScreen() {
  const invalidate = useInvalidate();
  const settings = useCall<SettingsDTO>('settings.get', {}, {
    refetchInterval: (q) => {
      const e = q.state.data?.embedder;
      return e && e.target !== null && e.active !== e.target ? PROGRESS_POLL_MS : false;
    },
  });
  useEngineEvent('index.embedder', () => void invalidate('settings.get'));

  return (
    <>
      <ScreenHeader title="Settings" />
      <div className="screen-body">
        <QueryState query={settings} loading="Loading settings" failure="Could not read the settings" lines={8}>
          {(data) => (
            <div className="settings">
              <section className="card stack" aria-labelledby="settings-library">
                <h2 id="settings-library">Library</h2>
                <label className="settings-field">
                  <span>Library folder</span>
                  <input className="input" readOnly value={data.libraryPath} spellCheck={false} />
                </label>
                <p className="muted small">
                  Everything Engram keeps is in this folder: the database (<code>engram.db</code>) and your files (
                  <code>blobs/</code>). To use another library, start Engram with <code>--library DIR</code> (for example{' '}
                  <code>engram --library ~/Brain serve</code>) or set the <code>ENGRAM_HOME</code> environment variable. Copy it
                  safely while it is in use with <code>engram backup DIR</code>.
                </p>
              </section>

              <section className="card stack" aria-labelledby="settings-embedder">
                <h2 id="settings-embedder">Search by meaning</h2>
                <EmbedderStatus status={data.embedder} />
                {/* Keyed by the saved choice: after a change the form shows what is now saved. */}
                <EmbedderChooser key={JSON.stringify(data.embedder.config)} status={data.embedder} />
              </section>

              <DesktopSettings />

              <section className="card stack" aria-labelledby="settings-import">
                <h2 id="settings-import">Import</h2>
                <div className="stack">
                  <ImportButtons />
                  <p className="muted small">
                    Photos, videos, recordings, PDFs, Word documents, web pages and notes. You can also drop files anywhere in
                    the window. From a terminal: <code>engram ingest ~/Pictures</code>.
                  </p>
                </div>
                <VaultImport />
              </section>

              <MediaSettingsSection />
              <SpeechSettingsSection />
              <AiModelsSection />
              <ModelDownloadsSection />
              <UsageSection />
              <ProfileSection />
              <WatchedFoldersSection />

              <section className="card stack" aria-labelledby="settings-api">
                <h2 id="settings-api">API key for the HTTP API</h2>
                <ApiKeySettings hint={data.apiKeyHint} />
              </section>
            </div>
          )}
        </QueryState>
      </div>
    </>
  );
}
