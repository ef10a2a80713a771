/**
 * The note as the search index sees it: its chunks (the passages search returns), each with the heading it
 * sits under and which embedders have made a vector for it. Loaded only when opened.
 */
import { useState } from 'react';
import { useCall } from '../../../client/queries';
import { EmptyState, Skeleton } from '../../../components';

interface Chunk {
  id: number;
  ordinal: number;
  text: string;
  context: string | null;
  start: number;
  end: number;
  embedders: string[];
}

interface IndexStatus {
  active: string | null;
  target: string | null;
}

export function ChunkList({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  const chunks = useCall<Chunk[]>('notes.chunks', { id }, { enabled: open });
  const status = useCall<IndexStatus>('index.status', {}, { enabled: open });
  const wanted = status.data?.target ?? status.data?.active ?? null;

  return (
    <section className="side-section">
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>Search index{chunks.data ? ` (${chunks.data.length} chunk${chunks.data.length === 1 ? '' : 's'})` : ''}</summary>
        {chunks.isPending ? (
          <Skeleton lines={3} label="Loading the chunks" />
        ) : chunks.isError ? (
          <p className="muted small">Could not load the chunks: {chunks.error.message}</p>
        ) : chunks.data.length === 0 ? (
          <EmptyState title="Nothing indexed yet" compact>
            Write something and it is indexed when saved.
          </EmptyState>
        ) : (
          <ol className="list" aria-label="Index chunks">
            {chunks.data.map((c) => (
              <li key={c.id} className="chunk">
                <div className="chunk-head">
                  <strong>#{c.ordinal + 1}</strong>
                  <span>
                    chars {c.start}–{c.end}
                  </span>
                  {c.context && <span title="Heading it sits under">· {c.context}</span>}
                </div>
                <pre className="chunk-text">{c.text}</pre>
                <div className="chunk-head">
                  {c.embedders.map((e) => (
                    <span key={e} className={e === wanted ? 'badge badge-success' : 'badge'} title="Has a vector from this embedder">
                      {e}
                    </span>
                  ))}
                  {wanted && !c.embedders.includes(wanted) && <span className="badge">waiting for a vector</span>}
                </div>
              </li>
            ))}
          </ol>
        )}
      </details>
    </section>
  );
}
