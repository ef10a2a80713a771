/**
 * The HTTP API key: shown as a hint, revealed or copied on request so other tools (scripts, the ESP32 camera,
 * AI assistants) can be pointed at `engram serve`.
 */
import { useState } from 'react';
import type { ApiKeyDTO } from '../../../../shared/status';
import { useAction } from '../../client/actions';
import { useToast } from '../../components';

export function ApiKeySettings({ hint }: { hint: string | null }) {
  const run = useAction();
  const toast = useToast();
  const [revealed, setRevealed] = useState<string | null>(null);

  const reveal = async () => (await run<ApiKeyDTO>('settings.revealApiKey', {}, { failure: 'Could not read the API key' }))?.key ?? null;

  if (!hint) {
    return (
      <p className="muted">
        No key is kept in this library yet. <code>engram serve</code> makes one the first time it runs without{' '}
        <code>--api-key</code>, prints it, and keeps it here. A server started with <code>--api-key</code> uses that key instead.
      </p>
    );
  }
  return (
    <div className="stack">
      <div className="row">
        <input
          className="input settings-key"
          readOnly
          aria-label="HTTP API key"
          value={revealed ?? `••••••••••••${hint}`}
          spellCheck={false}
          onFocus={(e) => revealed && e.currentTarget.select()}
        />
        <button type="button" className="button" onClick={async () => setRevealed(revealed ? null : await reveal())}>
          {revealed ? 'Hide key' : 'Reveal key'}
        </button>
        <button
          type="button"
          className="button"
          onClick={async () => {
            const key = revealed ?? (await reveal());
            if (!key) return;
            try {
              await navigator.clipboard.writeText(key);
              toast.success('API key copied');
            } catch {
              // The clipboard is refused outside secure contexts: show the key so it can be copied by hand.
              setRevealed(key);
              toast.info('Copying was not allowed here; the key is shown so you can copy it.');
            }
          }}
        >
          Copy key
        </button>
      </div>
      <p className="muted small">
        Send it as <code>Authorization: Bearer &lt;key&gt;</code> or <code>X-API-Key: &lt;key&gt;</code> to{' '}
        <code>POST /api/v1/&lt;handler&gt;</code>, <code>/memories</code> and <code>/search</code>. It is the key{' '}
        <code>engram serve</code> uses unless started with <code>--api-key</code>.
      </p>
    </div>
  );
}
