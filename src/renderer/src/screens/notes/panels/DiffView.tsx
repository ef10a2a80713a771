/** A line diff between two versions of a note, as +/- rows with line numbers. */
import { useCall } from '../../../client/queries';
import { Skeleton } from '../../../components';
import type { VersionDTO } from '../../../../../shared/schemas';
import { addedRows, diffRows, type DiffHunk, type DiffRow } from './diff-rows';

interface VersionDiff {
  titleChanged: boolean;
  hunks: DiffHunk[];
}

const SIGN = { add: '+', del: '−', same: ' ' } as const;
const SPOKEN = { add: 'added', del: 'removed', same: '' } as const;

/** Diff from version `from` to `to`; `from` 0 means "before the first version", so all of `to` is new. */
export function DiffView({ id, version, from, to }: { id: string; version: VersionDTO; from: number; to: number }) {
  const diff = useCall<VersionDiff>('versions.diff', { id, from, to }, { enabled: from >= 1 });
  if (from < 1) return <Rows rows={addedRows(version.body)} caption="The first version" />;
  if (diff.isPending) return <Skeleton lines={4} label="Loading the changes" />;
  if (diff.isError) return <p className="muted small">Could not load the changes: {diff.error.message}</p>;
  const caption = from < to ? `Changes from version ${from} to ${to}` : `From the current version (${from}) back to version ${to}`;
  return <Rows rows={diffRows(diff.data.hunks)} caption={caption} titleChanged={diff.data.titleChanged} />;
}

function Rows({ rows, caption, titleChanged }: { rows: DiffRow[]; caption: string; titleChanged?: boolean }) {
  return (
    <figure style={{ margin: '12px 0 0' }}>
      <figcaption className="muted small">
        {caption}
        {titleChanged && ' · the title changed too'}
      </figcaption>
      {rows.length === 0 ? (
        <p className="muted small">The text is the same{titleChanged ? '; only the title differs' : ''}.</p>
      ) : (
        <div className="diff" role="table" aria-label={caption}>
          {rows.map((r, i) =>
            r.kind === 'hunk' ? (
              <div key={i} className="diff-hunk" role="row">
                <span role="cell">{r.text}</span>
              </div>
            ) : (
              <div key={i} className={`diff-line diff-${r.kind}`} role="row">
                <span className="diff-no" role="cell">{r.oldNo ?? ''}</span>
                <span className="diff-no" role="cell">{r.newNo ?? ''}</span>
                <span className="diff-sign" role="cell">
                  <span aria-hidden="true">{SIGN[r.kind]}</span>
                  <span className="visually-hidden">{SPOKEN[r.kind]}</span>
                </span>
                <span role="cell">{r.text || ' '}</span>
              </div>
            ),
          )}
        </div>
      )}
    </figure>
  );
}
