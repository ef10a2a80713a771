/** "Add a bookmark": an address with an optional title and note, enrolled for review when "Remember it" is ticked. */
import { useId, useState } from 'react';
import type { NodeDTO } from '../../../../shared/schemas';
import { useClient } from '../../client/context';
import { useInvalidate } from '../../client/queries';
import { errorMessage, SubmitRow, useToast } from '../../components';

interface BookmarkResult {
  node: NodeDTO;
  created: boolean;
  card: { due: string } | null;
}

const EMPTY = { url: '', title: '', note: '', remember: true };

export function BookmarkForm() {
  const client = useClient();
  const invalidate = useInvalidate();
  const toast = useToast();
  const id = useId();
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof EMPTY>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async () => {
    if (!form.url.trim()) return setError('Write the address to bookmark.');
    setBusy(true);
    setError(null);
    try {
      const r = await client.call<BookmarkResult>('bookmarks.add', {
        url: form.url.trim(),
        ...(form.title.trim() ? { title: form.title.trim() } : {}),
        ...(form.note.trim() ? { note: form.note } : {}),
        remember: form.remember,
      });
      await invalidate('review.queue', 'review.stats', 'notes.list');
      const title = r.node.title || 'the page';
      toast.success(
        r.created
          ? `Bookmarked “${title}”${form.remember ? '; it is in the review queue.' : '.'}`
          : `“${title}” was already bookmarked${form.remember ? '; it is in review.' : '.'}`,
      );
      setForm(EMPTY);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Add a bookmark</h2>
      <form
        className="stack review-bookmark"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="review-field">
          <span>Address</span>
          <input
            className="input"
            inputMode="url"
            placeholder="https://…"
            autoComplete="off"
            spellCheck={false}
            value={form.url}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => set({ url: e.target.value })}
          />
        </label>
        <label className="review-field">
          <span>
            Title <span className="muted small">(optional)</span>
          </span>
          <input className="input" value={form.title} onChange={(e) => set({ title: e.target.value })} />
        </label>
        <label className="review-field">
          <span>
            Note <span className="muted small">(optional)</span>
          </span>
          <textarea className="input review-note" rows={3} value={form.note} onChange={(e) => set({ note: e.target.value })} />
        </label>
        <label className="review-check">
          <input type="checkbox" checked={form.remember} onChange={(e) => set({ remember: e.target.checked })} />
          <span>
            <span className="review-check-label">Remember it</span>
            <span className="muted small">Bring it back for review just before you would forget it.</span>
          </span>
        </label>
        {error && (
          <p id={`${id}-error`} className="form-error small" role="alert">
            {error}
          </p>
        )}
        <SubmitRow label="Add bookmark" busyLabel="Adding…" busy={busy} />
      </form>
    </section>
  );
}
