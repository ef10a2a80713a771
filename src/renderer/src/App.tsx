/** The app shell. The screens come with the desktop-shell issue; for now it shows the library's state. */
import { useEffect, useState } from 'react';
import type { EngramClient } from '../../shared/client';
import { HttpClient } from '../../shared/http-client';

declare global {
  interface Window {
    engram?: EngramClient;
  }
}

interface Stats {
  library: string;
  nodes: number;
  chunks: number;
  byKind: { kind: string; count: number }[];
}

function webClient(): EngramClient | null {
  const key = sessionStorage.getItem('engram.apiKey');
  return key ? new HttpClient(key) : null;
}

export function App() {
  const [client, setClient] = useState<EngramClient | null>(() => window.engram ?? webClient());
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!client) return;
    client.call<Stats>('library.stats').then(setStats, (e: Error) => setError(e.message));
  }, [client]);

  if (!client) {
    return (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const key = new FormData(e.currentTarget).get('key') as string;
          sessionStorage.setItem('engram.apiKey', key);
          setClient(new HttpClient(key));
        }}
      >
        <h1>Engram</h1>
        <label>
          API key <input name="key" type="password" autoFocus required />
        </label>
        <button type="submit">Open library</button>
      </form>
    );
  }
  return (
    <main>
      <h1>Engram</h1>
      {error && <p role="alert">{error}</p>}
      {stats && (
        <p>
          {stats.nodes} items, {stats.chunks} indexed passages in {stats.library}
        </p>
      )}
    </main>
  );
}
