/**
 * One item on the timeline: a thumbnail for photos, screenshots and documents, a poster with its length for
 * videos, a small card with its length for recordings, and the opening words for notes and journal entries.
 * Items still being processed, waiting for setup or failed carry a badge saying so.
 */
import type { ItemState, TimelineItemDTO } from '../../../../shared/media-schemas';
import { kindLabel } from '../search/hit-text';
import { formatDuration, shortDay, tileWhen, wallClock } from './time-text';

const KIND_ICONS: Record<string, string> = {
  photo: '▧', video: '▶', audio: '♪', document: '▤', screenshot: '⎚', camera_frame: '◉',
  note: '✎', journal: '◐', memory: '✦', bookmark: '⚑', transcript: '❝', summary: '≡',
};
export const kindIcon = (kind: string): string => KIND_ICONS[kind] ?? '•';

const STATE_TEXT: Record<Exclude<ItemState, 'done'>, string> = {
  processing: 'Processing',
  waiting: 'Waiting',
  failed: 'Failed',
};

export function StateBadge({ state }: { state: ItemState | null }) {
  if (!state || state === 'done') return null;
  return (
    <span className={`badge tl-state tl-state-${state}`} title={state === 'waiting' ? 'Waits for a setting; open it to see which' : undefined}>
      {STATE_TEXT[state]}
    </span>
  );
}

/** Kinds shown as a picture when they have one. */
const VISUAL = new Set(['photo', 'video', 'screenshot', 'camera_frame', 'document']);
const TIMED = new Set(['video', 'audio']);

export const itemTitle = (item: Pick<TimelineItemDTO, 'title' | 'excerpt'>): string => item.title || item.excerpt.slice(0, 60) || 'Untitled';

export function ItemTile({
  item,
  offsetMinutes,
  withDate,
  onOpen,
}: {
  item: TimelineItemDTO;
  /** The viewer's clock, in which times are shown. */
  offsetMinutes: number;
  /** Show the day as well as the time (lists spanning many days). */
  withDate?: boolean;
  onOpen: (item: TimelineItemDTO) => void;
}) {
  const clock = wallClock(item.at, offsetMinutes);
  const when = withDate ? tileWhen(clock.day, clock.time, String(new Date().getFullYear())) : clock.time;
  const fullWhen = withDate ? `${shortDay(clock.day)}, ${clock.time}` : clock.time;
  const duration = TIMED.has(item.kind) ? formatDuration(item.durationSec) : '';
  const title = itemTitle(item);
  const visual = item.thumbnail !== null;
  const label = [kindLabel(item.kind), title, fullWhen, duration && `length ${duration}`, item.state && item.state !== 'done' && STATE_TEXT[item.state]]
    .filter(Boolean)
    .join(', ');

  if (visual || VISUAL.has(item.kind) || TIMED.has(item.kind)) {
    return (
      <button type="button" className="tl-tile" data-kind={item.kind} data-state={item.state ?? undefined} aria-label={label} title={`${title} · ${fullWhen}`} onClick={() => onOpen(item)}>
        {visual ? (
          <img className="tl-thumb" src={item.thumbnail!} alt="" loading="lazy" decoding="async" draggable={false} />
        ) : (
          <span className="tl-thumb tl-thumb-empty" aria-hidden="true">
            <span className="tl-thumb-icon">{kindIcon(item.kind)}</span>
            <span className="tl-thumb-name">{title}</span>
          </span>
        )}
        {item.kind === 'video' && (
          <span className="tl-play" aria-hidden="true">
            ▶
          </span>
        )}
        {duration && (
          <span className="tl-duration" aria-hidden="true">
            {duration}
          </span>
        )}
        <span className="tl-tile-state" aria-hidden="true">
          <StateBadge state={item.state} />
        </span>
      </button>
    );
  }

  // A note without a title is named by its kind; its opening words are the card's body.
  const heading = item.title || kindLabel(item.kind);
  return (
    <button type="button" className="tl-card" data-kind={item.kind} data-state={item.state ?? undefined} aria-label={label} title={`${heading} · ${fullWhen}`} onClick={() => onOpen(item)}>
      <span className="tl-card-head">
        <span className="tl-card-icon" aria-hidden="true">
          {kindIcon(item.kind)}
        </span>
        <span className="tl-card-time">{when}</span>
      </span>
      <span className="tl-card-title">{heading}</span>
      {item.excerpt && item.excerpt !== heading && <span className="tl-card-excerpt">{item.excerpt}</span>}
      <StateBadge state={item.state} />
    </button>
  );
}

/** Grey squares in the shape of a row of tiles, while a day or a page loads. */
export function TilesSkeleton({ label, count = 8 }: { label: string; count?: number }) {
  return (
    <div className="tl-grid" role="status" aria-busy="true" aria-label={label}>
      {Array.from({ length: count }, (_, i) => (
        <span key={i} className="tl-tile-skeleton skeleton-line" aria-hidden="true" />
      ))}
    </div>
  );
}
