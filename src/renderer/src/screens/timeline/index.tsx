/**
 * The timeline: a calendar heatmap of when things happened (the last twelve months, or any year with items),
 * then either one day's episodes (`#/timeline/<YYYY-MM-DD>`, ← and → step through days) or everything newest
 * first (`#/timeline`). Any item opens in the detail drawer. Media steps and node changes refresh it all live.
 */
import { useEffect, useMemo, useState } from 'react';
import type { HeatmapDTO, TimelineItemDTO } from '../../../../shared/media-schemas';
import { addDays, clockOffsetMinutes, LocalDate } from '../../../../shared/journal';
import { useCall } from '../../client/queries';
import { errorMessage, isTypingTarget, Kbd, ScreenHeader, Skeleton } from '../../components';
import { navigate, routeHref, useRoute } from '../../router';
import { useToday } from '../journal/use-today';
import { AllItems } from './AllItems';
import { DayView } from './DayView';
import { Heatmap } from './Heatmap';
import { nearestDays, windowFor, windowRange, yearsWithItems, type HeatWindow } from './heatmap-grid';
import { ItemDrawer, type DrawerTarget } from './ItemDrawer';
import { itemTitle } from './ItemTile';
import { useTimelineLive } from './live';

/** The heatmap asks for every day once: the grid, the list of years and "nearest day with items" all use it. */
const EARLIEST = '1900-01-01';

export default function TimelineScreen() {
  const route = useRoute();
  const today = useToday();
  // Days are counted on this computer's clock as it is now, so the heatmap and the day view always agree.
  const offsetMinutes = useMemo(() => clockOffsetMinutes(), []);
  const routeDate = route.screen === 'timeline' ? route.date : undefined;
  const day = routeDate && LocalDate.safeParse(routeDate).success ? routeDate : undefined;
  const [target, setTarget] = useState<DrawerTarget | null>(null);
  useTimelineLive();

  const heat = useCall<HeatmapDTO>('timeline.heatmap', { from: EARLIEST, to: addDays(today, 2), offsetMinutes }, { staleTime: 0 });
  const days = heat.data?.days ?? [];
  const years = useMemo(() => yearsWithItems(days), [days]);
  const nearest = useMemo(() => (day ? nearestDays(days, day) : { before: null, after: null }), [days, day]);

  const [heatWindow, setHeatWindow] = useState<HeatWindow>(() => (day ? windowFor(day, today) : 'recent'));
  const range = windowRange(heatWindow, today);
  // A day opened by link or by the arrows moves the heatmap to where that day is.
  useEffect(() => {
    if (day && (day < range.from || day > range.to)) setHeatWindow(windowFor(day, today));
  }, [day]);

  // ← and → step through days, unless the keys are busy elsewhere (a field, the heatmap, a player, the drawer).
  useEffect(() => {
    if (!day) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || isTypingTarget(e.target)) return;
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      if (document.querySelector('dialog[open], [cmdk-dialog]')) return;
      if ((e.target as HTMLElement | null)?.closest?.('.tl-heat-grid, video, audio')) return;
      e.preventDefault();
      navigate({ screen: 'timeline', date: addDays(day, e.key === 'ArrowLeft' ? -1 : 1) });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [day]);

  const open = (item: TimelineItemDTO) => setTarget({ id: item.id, media: item.state !== null, title: itemTitle(item) });
  // A year opened by a link stays on offer even when it has nothing (its day was empty).
  const windows: HeatWindow[] = ['recent', ...[...new Set([...years, ...(typeof heatWindow === 'number' ? [heatWindow] : [])])].sort((a, b) => b - a)];

  return (
    <>
      <ScreenHeader title="Timeline">
        {day && (
          <nav className="row tl-day-nav" aria-label="Move between days">
            <a className="button" href={routeHref({ screen: 'timeline', date: addDays(day, -1) })} aria-keyshortcuts="ArrowLeft">
              ← Previous day
            </a>
            <a className="button" href={routeHref({ screen: 'timeline', date: addDays(day, 1) })} aria-keyshortcuts="ArrowRight">
              Next day →
            </a>
            <a className="button" href={routeHref({ screen: 'timeline' })}>
              All items
            </a>
          </nav>
        )}
      </ScreenHeader>
      <div className="screen-body tl">
        <section className="card tl-heat-card" aria-labelledby="tl-heat-title">
          <div className="tl-heat-head">
            <h2 id="tl-heat-title">Activity</h2>
            <div className="segmented tl-windows" role="group" aria-label="Period shown">
              {windows.map((w) => (
                <button key={w} type="button" aria-pressed={heatWindow === w} onClick={() => setHeatWindow(w)}>
                  {w === 'recent' ? 'Last 12 months' : w}
                </button>
              ))}
            </div>
          </div>
          {heat.isPending ? (
            <Skeleton lines={5} label="Loading activity" />
          ) : heat.isError ? (
            <p className="form-error">Could not read the timeline: {errorMessage(heat.error)}</p>
          ) : (
            <Heatmap
              from={range.from}
              to={range.to}
              days={days}
              selected={day}
              caption={heatWindow === 'recent' ? 'the last 12 months' : String(heatWindow)}
              onOpen={(d) => navigate({ screen: 'timeline', date: d })}
            />
          )}
        </section>

        {day ? (
          <>
            <DayView key={day} day={day} offsetMinutes={offsetMinutes} nearest={nearest} onOpen={open} />
            <p className="muted small tl-hint">
              <Kbd keys={['ArrowLeft']} /> <Kbd keys={['ArrowRight']} /> previous and next day
            </p>
          </>
        ) : (
          <AllItems offsetMinutes={offsetMinutes} onOpen={open} />
        )}
      </div>
      <ItemDrawer target={target} onClose={() => setTarget(null)} onOpen={setTarget} onMoved={(d) => navigate({ screen: 'timeline', date: d })} />
    </>
  );
}

