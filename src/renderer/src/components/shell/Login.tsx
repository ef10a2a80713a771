/** Web mode's sign-in page: the API key `engram serve` printed, checked against the server before it is kept. */
import { useState } from 'react';
import type { EngramClient } from '../../../../shared/client';
import { signIn } from '../../client/web-session';
import { Spinner } from '../Progress';

export function Login({ onSignedIn, notice }: { onSignedIn: (client: EngramClient) => void; notice?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <main className="login">
      <form
        aria-label="Sign in"
        onSubmit={async (e) => {
          e.preventDefault();
          const key = String(new FormData(e.currentTarget).get('key') ?? '').trim();
          setBusy(true);
          setError(null);
          try {
            onSignedIn(await signIn(key));
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
            setBusy(false);
          }
        }}
      >
        <h1 className="brand">
          <span className="brand-mark" aria-hidden="true">
            E
          </span>
          Engram
        </h1>
        <p className="muted">Open your library with the API key that <code>engram serve</code> printed when it started.</p>
        {notice && !error && <p className="muted">{notice}</p>}
        <label>
          API key
          <input className="input" name="key" type="password" autoComplete="current-password" autoFocus required />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy && <Spinner label="Checking the key" />}
          Open library
        </button>
      </form>
    </main>
  );
}
