/**
 * Settings → Profile: a few lines about you that models may use for context. Write it yourself, or rebuild it
 * from items whose AI use is "Answers and training" (only those).
 */
import { useId, useState } from 'react';
import { useClient } from '../../client/context';
import { useCall, useInvalidate } from '../../client/queries';
import { errorMessage, formatDateTime, QueryState, useToast } from '../../components';
import type { ProfileDTO } from './ai-types';

const MODE_TEXT: Record<ProfileDTO['mode'], (p: ProfileDTO) => string> = {
  empty: () => 'Empty.',
  edited: () => 'Written by you.',
  llm: (p) => `Written by a model from ${p.sources} ${p.sources === 1 ? 'item' : 'items'}.`,
  local: (p) => `The most frequent words of ${p.sources} ${p.sources === 1 ? 'item' : 'items'} (no model was available).`,
};

export function ProfileSection() {
  const profile = useCall<ProfileDTO>('profile.get');
  return (
    <section className="card stack" aria-labelledby="settings-profile">
      <h2 id="settings-profile">Profile</h2>
      <QueryState query={profile} loading="Loading the profile" failure="Could not read the profile" lines={3}>
        {(p) => <ProfileForm key={`${p.updatedAt}`} saved={p} />}
      </QueryState>
    </section>
  );
}

function ProfileForm({ saved }: { saved: ProfileDTO }) {
  const client = useClient();
  const invalidate = useInvalidate();
  const toast = useToast();
  const id = useId();
  const [text, setText] = useState(saved.text);
  const [busy, setBusy] = useState<'save' | 'rebuild' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const act = async (kind: 'save' | 'rebuild') => {
    setBusy(kind);
    setError(null);
    try {
      const next = await client.call<ProfileDTO>(kind === 'save' ? 'profile.set' : 'profile.rebuild', kind === 'save' ? { text } : {});
      await invalidate('profile.get');
      toast.success(kind === 'save' ? 'Profile saved.' : next.mode === 'empty' ? 'No items allow training, so the profile is empty.' : 'Profile rebuilt.');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="stack">
      <p className="muted small" id={`${id}-hint`}>
        A few lines about you (interests, projects, people) that give models context. {MODE_TEXT[saved.mode](saved)}
        {saved.updatedAt && ` Last changed ${formatDateTime(saved.updatedAt)}.`}
      </p>
      <textarea
        className="input profile-text"
        aria-label="Profile"
        aria-describedby={`${id}-hint`}
        rows={5}
        maxLength={20_000}
        value={text}
        placeholder="For example: I bake bread, run a small garden and am learning Portuguese."
        onChange={(e) => setText(e.target.value)}
      />
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="button" className="button button-primary" disabled={busy !== null || text === saved.text} onClick={() => void act('save')}>
          {busy === 'save' ? 'Saving…' : 'Save profile'}
        </button>
        <button type="button" className="button" disabled={busy !== null} onClick={() => void act('rebuild')}>
          {busy === 'rebuild' ? 'Rebuilding…' : 'Rebuild from my items'}
        </button>
      </div>
      <p className="muted small">Rebuilding reads only items whose AI use is “Answers and training”, and replaces the text above.</p>
    </div>
  );
}
