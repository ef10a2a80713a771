/**
 * One day of the timeline: its episodes (runs of items close in time, or in the same place) in order, each with
 * its time range, label and items. A day with nothing on it says how to add to it and offers the nearest days
 * that have something.
 */
import type { DayDTO, TimelineBoundsDTO, TimelineItemDTO } from '../../../../shared/media-schemas';
import { journalTitle } from '../../../../shared/journal';
import { useCall } from '../../client/queries';
import { EmptyState, errorMessage } from '../../components';
import { routeHref } from '../../router';
import { ItemTile, TilesSkeleton } from './ItemTile';
import { countText, shortDay, timeRange } from './time-text';
import { useNearestDays } from './useNearestDays';

interface Props {
  day: string;
  offsetMinutes: number;
  /** The first and last days with items, to find the nearest ones when this day is empty. */
  bounds: TimelineBoundsDTO | undefined;
  onOpen: (item: TimelineItemDTO) => void;
}

export function DayView({ day, offsetMinutes, bounds, onOpen }: Props) {
  const query = useCall<DayDTO>('timeline.day', { day, offsetMinutes });
  const nearest = useNearestDays(day, offsetMinutes, bounds, query.data?.total === 0);
  const title = journalTitle(day);

  return (
    <section className="tl-day" aria-labelledby="tl-day-title">
      <h2 id="tl-day-title" className="tl-section-title">
        {title}
        {query.data && query.data.total > 0 && <span className="muted tl-section-count"> · {countText(query.data.total, 'item')}</span>}
      </h2>
      {query.isPending ? (
        <TilesSkeleton label="Loading the day" />
      ) : query.isError ? (
        <p className="form-error">Could not read this day: {errorMessage(query.error)}</p>
      ) : query.data.episodes.length === 0 ? (
        <EmptyState
          title="Nothing on this day"
          action={
            (nearest.before || nearest.after) && (
              <span className="row tl-nearest">
                {nearest.before && (
                  <a className="button" href={routeHref({ screen: 'timeline', date: nearest.before })} aria-label={`Earlier: ${journalTitle(nearest.before)}`}>
                    ← {shortDay(nearest.before)}
                  </a>
                )}
                {nearest.after && (
                  <a className="button" href={routeHref({ screen: 'timeline', date: nearest.after })} aria-label={`Later: ${journalTitle(nearest.after)}`}>
                    {shortDay(nearest.after)} →
                  </a>
                )}
              </span>
            )
          }
        >
          <p>Drop photos anywhere or use Import to add them. To put an item you already have on this day, open it and use “Move to day…”.</p>
        </EmptyState>
      ) : (
        <ol className="tl-episodes">
          {query.data.episodes.map((ep) => (
            <li key={`${ep.start}-${ep.items[0]?.id}`} className="tl-episode">
              <div className="tl-episode-head">
                <span className="tl-episode-time">{timeRange(ep.start, ep.end, offsetMinutes)}</span>
                <span className="tl-episode-label">{ep.label}</span>
              </div>
              <div className="tl-grid">
                {ep.items.map((item) => (
                  <ItemTile key={item.id} item={item} offsetMinutes={offsetMinutes} onOpen={onOpen} />
                ))}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
