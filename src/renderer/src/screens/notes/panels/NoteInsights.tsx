/**
 * What the assistant can do with the open note: its themes (by the summaries model when the note's AI use
 * allows, else from its own words, and the panel says which), keep it for spaced review, keep the selected
 * passage as a highlight, and for a day summary or weekly recap, write it again.
 */
import { useState } from 'react';
import type { NodeDTO } from '../../../../../shared/schemas';
import { useAction } from '../../../client/actions';
import { useToast } from '../../../components/Toasts';

interface Themes {
  themes: string[];
  mode: 'llm' | 'local';
}

interface SummaryOf {
  kind: 'day' | 'week';
  period: string;
}

export function NoteInsights({ node }: { node: NodeDTO }) {
  const run = useAction();
  const toast = useToast();
  const [themes, setThemes] = useState<Themes | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const summaryOf = (node.metadata as { summaryOf?: SummaryOf }).summaryOf;

  const act = async (what: string, work: () => Promise<unknown>) => {
    setBusy(what);
    try {
      await work();
    } finally {
      setBusy(null);
    }
  };

  const findThemes = () => act('themes', async () => setThemes((await run<Themes>('themes.of', { id: node.id }, { failure: 'Could not find the themes' })) ?? null));
  const remember = () =>
    act('remember', async () => {
      if (await run('review.enrol', { id: node.id }, { invalidates: ['review.queue', 'review.stats'], failure: 'Could not add it to review' })) {
        toast.success('Added to your review queue; it is due now.');
      }
    });
  const highlight = () =>
    act('highlight', async () => {
      const text = window.getSelection()?.toString().trim() ?? '';
      if (!text) return toast.error('Select a passage of the note first, then keep it as a highlight.');
      if (await run('highlights.add', { sourceId: node.id, text }, { invalidates: ['notes.list', 'notes.links'], failure: 'Could not keep the highlight' })) {
        toast.success('Kept as a highlight, linked to this note.');
      }
    });
  const regenerate = (s: SummaryOf) =>
    act('regenerate', async () => {
      const offsetMinutes = -new Date().getTimezoneOffset();
      if (await run('summaries.regenerate', { ...s, offsetMinutes }, { invalidates: ['notes.get', 'notes.list'], failure: 'Could not write the summary again' })) {
        toast.success('Written again from the items of that period.');
      }
    });

  // Buttons keep the text selection: a mouse-down on them must not move the focus out of the passage.
  const keepSelection = (e: React.MouseEvent) => e.preventDefault();

  return (
    <section className="side-section" aria-labelledby="details-assist">
      <h2 id="details-assist">Assistant</h2>
      <div className="choice-row">
        <button type="button" className="button button-small" onClick={() => void findThemes()} disabled={busy !== null}>
          {busy === 'themes' ? 'Finding…' : 'Themes'}
        </button>
        <button type="button" className="button button-small" onClick={() => void remember()} disabled={busy !== null}>
          Remember
        </button>
        <button type="button" className="button button-small" onMouseDown={keepSelection} onClick={() => void highlight()} disabled={busy !== null}>
          Highlight selection
        </button>
        {summaryOf && (
          <button type="button" className="button button-small" onClick={() => void regenerate(summaryOf)} disabled={busy !== null}>
            {busy === 'regenerate' ? 'Writing…' : 'Write again'}
          </button>
        )}
      </div>
      {themes && (
        <div className="insights-themes">
          <ul className="tag-chips" aria-label="Themes">
            {themes.themes.map((t) => (
              <li key={t} className="chip chip-fixed">
                {t}
              </li>
            ))}
          </ul>
          <p className="muted small">
            {themes.mode === 'llm' ? 'Found by your summaries model.' : 'From the note’s own words (no model saw it).'}
          </p>
        </div>
      )}
    </section>
  );
}
