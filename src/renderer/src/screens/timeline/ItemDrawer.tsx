/**
 * The detail drawer: everything about one item beside the timeline, on a modal <dialog> (the browser traps focus,
 * Esc closes it and focus goes back to the tile). Media items show their preview or player, when and where they
 * were taken and how sure that is, what was read from them, their copies and their processing steps; notes show
 * their opening words and a link to the editor. Both can be moved to another day or deleted (with Undo).
 */
import { useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { BlobRefDTO, MediaDetailDTO } from '../../../../shared/media-schemas';
import { clockOffsetMinutes, journalTitle } from '../../../../shared/journal';
import type { NodeDTO } from '../../../../shared/schemas';
import { useCall } from '../../client/queries';
import { errorMessage, Modal, Skeleton, TagChips } from '../../components';
import { routeHref } from '../../router';
import { kindLabel } from '../search/hit-text';
import { formatBytes } from '../stats/format';
import { StateBadge } from './ItemTile';
import { MoveToDay } from './MoveToDay';
import { StepList } from './StepList';
import {
  cameraName, confidenceText, countText, formatCoordinates, formatDuration, mapLink, offsetLabel, plainExcerpt, timeEvidence, timeSourceText, wallClock, type TimeEvidence,
} from './time-text';
import { useDeleteItem } from './useDeleteItem';

export interface DrawerTarget {
  id: string;
  /** A media item (photo, video, audio, document) rather than a note. */
  media: boolean;
  title: string;
}

interface Props {
  target: DrawerTarget | null;
  onClose: () => void;
  /** Opens another item in the drawer (a duplicate, the original of a copy). */
  onOpen: (target: DrawerTarget) => void;
  /** After "Move to day…": the day the item now belongs to. */
  onMoved?: (day: string) => void;
}

export function ItemDrawer({ target, onClose, onOpen, onMoved }: Props) {
  const titleId = useId();

  return (
    <Modal open={target !== null} onClose={onClose} className="tl-drawer" labelledBy={titleId}>
      {target && (
        <div className="tl-drawer-inner">
          <header className="tl-drawer-head">
            <h2 id={titleId} className="tl-drawer-title">
              {target.title || 'Untitled'}
            </h2>
            <button type="button" className="icon-button" aria-label="Close details" onClick={onClose}>
              ×
            </button>
          </header>
          {target.media ? (
            <MediaPanel key={target.id} id={target.id} onClose={onClose} onOpen={onOpen} onMoved={onMoved} />
          ) : (
            <NotePanel key={target.id} id={target.id} onClose={onClose} onMoved={onMoved} />
          )}
        </div>
      )}
    </Modal>
  );
}

type PanelProps = { id: string; onClose: () => void; onMoved?: (day: string) => void };

function MediaPanel({ id, onClose, onOpen, onMoved }: PanelProps & { onOpen: (t: DrawerTarget) => void }) {
  const query = useCall<MediaDetailDTO>('media.detail', { id });
  const player = useRef<HTMLMediaElement | null>(null);
  if (query.isPending) return <Skeleton lines={8} label="Loading details" />;
  if (query.isError) return <p className="form-error">Could not read this item: {errorMessage(query.error)}</p>;
  const d = query.data;
  const f = d.facts;
  const evidence = timeEvidence(d.node.eventTime, f.eventTime);
  const seen = f.tags?.filter((t) => t.score >= 0.3) ?? [];

  return (
    <div className="tl-drawer-body">
      <Preview d={d} player={player} />
      <div className="row tl-drawer-kind">
        <span className="badge">{kindLabel(d.mediaKind)}</span>
        <StateBadge state={d.state} />
        {d.canonical && (
          <span className="muted small">
            {d.canonical.distance === 0 ? 'Same picture as ' : 'Near-copy of '}
            <button type="button" className="tl-link-button" onClick={() => onOpen({ id: d.canonical!.id, media: true, title: d.canonical!.title })}>
              “{d.canonical.title || 'Untitled'}”
            </button>
          </span>
        )}
      </div>

      <dl className="tl-facts">
        <Fact label="When">
          <When at={d.node.eventTime?.at ?? d.node.createdAt} evidence={evidence} />
        </Fact>
        {f.gps && (
          <Fact label="Place">
            {formatCoordinates(f.gps.latitude, f.gps.longitude)}
            {f.gps.altitude !== undefined && <span className="muted">, {Math.round(f.gps.altitude)} m up</span>}
            <br />
            <a href={mapLink(f.gps.latitude, f.gps.longitude)} target="_blank" rel="noreferrer noopener">
              Open in OpenStreetMap ↗
            </a>
          </Fact>
        )}
        {f.camera && (f.camera.make || f.camera.model) && (
          <Fact label="Camera">
            {cameraName(f.camera.make, f.camera.model)}
            {f.camera.lens && <span className="muted"> · {f.camera.lens}</span>}
          </Fact>
        )}
        <Fact label="File">
          {d.fileName} <span className="muted">· {formatBytes(d.size)}</span>
          {d.width && d.height ? <span className="muted"> · {d.width} × {d.height}</span> : null}
          {d.durationSec !== null && <span className="muted"> · {formatDuration(d.durationSec)}</span>}
          {f.document?.pages ? <span className="muted"> · {countText(f.document.pages, 'page')}</span> : null}
        </Fact>
        {(seen.length > 0 || (f.faces?.length ?? 0) > 0) && (
          <Fact label="Seen in it">
            {seen.map((t) => t.label).join(', ')}
            {seen.length > 0 && f.faces?.length ? ' · ' : ''}
            {f.faces?.length ? countText(f.faces.length, 'face') : ''}
          </Fact>
        )}
        {d.node.tags.length > 0 && (
          <Fact label="Tags">
            <TagChips tags={d.node.tags} />
          </Fact>
        )}
      </dl>

      {f.warnings && f.warnings.length > 0 && (
        <ul className="tl-warnings">
          {f.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}

      {f.ocr?.text && (
        <Section title="Text in the image">
          <p className="tl-text-block">{f.ocr.text}</p>
        </Section>
      )}

      {f.transcript && f.transcript.segments.length > 0 && (
        <Section title={`Transcript${f.transcript.language ? ` (${f.transcript.language})` : ''}`}>
          <ol className="tl-transcript">
            {f.transcript.segments.map((s, i) => (
              <li key={i}>
                <button
                  type="button"
                  className="tl-link-button tl-transcript-time"
                  aria-label={`Play from ${formatDuration(s.startSec)}`}
                  onClick={() => {
                    if (!player.current) return;
                    player.current.currentTime = s.startSec;
                    void player.current.play();
                  }}
                >
                  {formatDuration(s.startSec)}
                </button>
                <span>{s.text}</span>
              </li>
            ))}
          </ol>
        </Section>
      )}

      {d.duplicates.length > 0 && (
        <Section title={`Copies of this ${d.mediaKind === 'photo' ? 'photo' : 'item'} (${d.duplicates.length})`}>
          <ul className="tl-dupes">
            {d.duplicates.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className="tl-dupe"
                  aria-label={`Open ${c.title || 'Untitled'}, ${c.distance === 0 ? 'same picture' : 'near-copy'}`}
                  title={c.title}
                  onClick={() => onOpen({ id: c.id, media: true, title: c.title })}
                >
                  {c.thumbnail ? <img src={c.thumbnail} alt="" loading="lazy" /> : <span aria-hidden="true">▧</span>}
                </button>
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section title="Processing">
        <StepList steps={d.steps} />
        {d.originalsDropped && <p className="muted small">The original file was dropped to save space; the preview and the text read from it stay.</p>}
      </Section>

      <Actions id={d.node.id} title={d.node.title} at={d.node.eventTime?.at ?? d.node.createdAt} onClose={onClose} onMoved={onMoved} />
      <p className="muted small tl-source">From {d.source}</p>
    </div>
  );
}

function Preview({ d, player }: { d: MediaDetailDTO; player: RefObject<HTMLMediaElement | null> }) {
  const blob = (role: string): BlobRefDTO | undefined => d.blobs.find((b) => b.role === role);
  const original = blob('original');
  const picture = blob('preview') ?? blob('poster') ?? blob('thumbnail');
  const keyframes = d.blobs
    .filter((b) => b.role.startsWith('keyframe:'))
    .sort((a, b) => Number(a.role.slice(9)) - Number(b.role.slice(9)));
  const title = d.node.title || d.fileName;
  // A picture the browser cannot show (a damaged original, say) says so rather than a broken image.
  const [brokenSrc, setBrokenSrc] = useState<string | null>(null);
  const still = d.mediaKind === 'photo' ? (picture ?? original) : picture;

  let main: ReactNode;
  if (d.mediaKind === 'video' && original) {
    main = <video ref={(el) => void (player.current = el)} className="tl-preview-media" controls preload="metadata" poster={blob('poster')?.url} src={original.url} aria-label={`Video: ${title}`} />;
  } else if (d.mediaKind === 'audio' && original) {
    main = <audio ref={(el) => void (player.current = el)} className="tl-preview-audio" controls preload="metadata" src={original.url} aria-label={`Recording: ${title}`} />;
  } else if (still && brokenSrc !== still.url) {
    main = <img className="tl-preview-media" src={still.url} alt={title} onError={() => setBrokenSrc(still.url)} />;
  } else {
    main = (
      <div className="tl-preview-empty muted">
        {d.state === 'done' || d.state === 'failed' ? 'No preview for this file.' : 'The preview is being made…'}
      </div>
    );
  }
  return (
    <figure className="tl-preview">
      {main}
      {keyframes.length > 0 && (
        <div className="tl-keyframes" role="group" aria-label="Key frames">
          {keyframes.slice(0, 8).map((k) => {
            const at = d.facts.keyframes?.[Number(k.role.slice(9))]?.timeSec;
            return at === undefined || !(d.mediaKind === 'video' && original) ? (
              <img key={k.role} src={k.url} alt="" loading="lazy" />
            ) : (
              <button
                key={k.role}
                type="button"
                className="tl-keyframe"
                aria-label={`Play from ${formatDuration(at)}`}
                onClick={() => {
                  if (!player.current) return;
                  player.current.currentTime = at;
                  void player.current.play();
                }}
              >
                <img src={k.url} alt="" loading="lazy" />
              </button>
            );
          })}
        </div>
      )}
      {original && (
        <figcaption>
          <a href={original.url} download={d.fileName}>
            Download the original
          </a>{' '}
          <span className="muted small">({formatBytes(original.size)})</span>
        </figcaption>
      )}
    </figure>
  );
}

/** The day and time on the clock where it happened (when known), where that time came from, and how sure it is. */
function When({ at, evidence }: { at: string; evidence: (TimeEvidence & { rejected?: string[] }) | null }) {
  const mine = clockOffsetMinutes(new Date(at));
  const theirs = evidence?.offsetMinutes ?? mine;
  const there = wallClock(at, theirs);
  const here = wallClock(at, mine);
  return (
    <>
      {journalTitle(there.day)}, {there.time} <span className="muted">({offsetLabel(theirs)})</span>
      {theirs !== mine && (
        <span className="muted">
          {' '}
          · {here.day === there.day ? here.time : `${journalTitle(here.day)}, ${here.time}`} your time
        </span>
      )}
      <span className="tl-when-source">
        {evidence ? (
          <>
            Time {timeSourceText(evidence)} — {confidenceText(evidence.confidence)}.
          </>
        ) : (
          'No time was found in it; this is when it was added to the library.'
        )}
      </span>
      {evidence?.rejected && evidence.rejected.length > 0 && (
        <details className="tl-rejected">
          <summary>{countText(evidence.rejected.length, 'clue')} set aside</summary>
          <ul>
            {evidence.rejected.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function NotePanel({ id, onClose, onMoved }: PanelProps) {
  const query = useCall<NodeDTO>('notes.get', { id });
  if (query.isPending) return <Skeleton lines={6} label="Loading details" />;
  if (query.isError) return <p className="form-error">Could not read this item: {errorMessage(query.error)}</p>;
  const n = query.data;
  const at = n.eventTime?.at ?? n.createdAt;
  const excerpt = plainExcerpt(n.body);
  return (
    <div className="tl-drawer-body">
      <div className="row tl-drawer-kind">
        <span className="badge">{kindLabel(n.kind)}</span>
      </div>
      <dl className="tl-facts">
        <Fact label="When">
          <When at={at} evidence={n.eventTime} />
        </Fact>
        {n.tags.length > 0 && (
          <Fact label="Tags">
            <TagChips tags={n.tags} />
          </Fact>
        )}
      </dl>
      {excerpt ? <p className="tl-text-block">{excerpt}</p> : <p className="muted">This {kindLabel(n.kind).toLowerCase()} is empty.</p>}
      <p>
        <a className="button button-primary" href={routeHref({ screen: 'notes', id: n.id })} onClick={onClose}>
          Open note
        </a>
      </p>
      <Actions id={n.id} title={n.title} at={at} onClose={onClose} onMoved={onMoved} />
    </div>
  );
}

function Actions({ id, title, at, onClose, onMoved }: { id: string; title: string; at: string; onClose: () => void; onMoved?: (day: string) => void }) {
  const remove = useDeleteItem();
  return (
    <div className="tl-actions">
      <MoveToDay id={id} at={at} onMoved={onMoved} />
      <button
        type="button"
        className="button button-danger"
        onClick={async () => {
          onClose();
          await remove({ id, title });
        }}
      >
        Delete
      </button>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="tl-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="tl-drawer-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}
