/**
 * The timeline: a calendar heatmap of when things happened (the last twelve months, or any year from the first
 * item to the last), then either one day's episodes (`#/timeline/<YYYY-MM-DD>`, ← and → step through days) or
 * everything newest first (`#/timeline`). Any item opens in the detail drawer. The shell's live cache
 * (client/events.ts) refreshes it all when media steps finish or nodes change.
 */
import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { HeatmapDTO, TimelineBoundsDTO, TimelineItemDTO } from '../../../../shared/media-schemas';
import { addDays, clockOffsetMinutes, LocalDate } from '../../../../shared/journal';
import { useCall } from '../../client/queries';
import { errorMessage, isTypingTarget, Kbd, ScreenHeader, Skeleton } from '../../components';
import { navigate, routeHref, useRoute } from '../../router';
import { useToday } from '../journal/use-today';
import { AllItems } from './AllItems';
import { DayView } from './DayView';
import { Heatmap } from './Heatmap';
import { windowFor, windowRange, yearsInBounds, type HeatWindow } from './heatmap-grid';
import { ItemDrawer, type DrawerTarget } from './ItemDrawer';
import { itemTitle } from './ItemTile';

/** More years than this are offered in a menu rather than as a row of buttons. */
const MAX_YEAR_BUTTONS = 12;

const NO_DAYS: HeatmapDTO['days'] = [];

export default function TimelineScreen() {
  const route = useRoute();
  const today = useToday();
  // Days are counted on this computer's clock as it is now, so the heatmap and the day view always agree.
  const offsetMinutes = useMemo(() => clockOffsetMinutes(), []);
  const routeDate = route.screen === 'timeline' ? route.date : undefined;
  const day = routeDate && LocalDate.safeParse(routeDate).success ? routeDate : undefined;
  const [target, setTarget] = useState<DrawerTarget | null>(null);

  // The first and last days with items give the years on offer; the heatmap is asked only for the one shown.
  const bounds = useCall<TimelineBoundsDTO>('timeline.bounds', { offsetMinutes });
  const years = useMemo(() => yearsInBounds(bounds.data), [bounds.data]);
  const [heatWindow, setHeatWindow] = useState<HeatWindow>(() => (day ? windowFor(day, today) : 'recent'));
  const range = windowRange(heatWindow, today);
  // The period before keeps showing (dimmed) while the next one loads, so the card does not jump.
  const heat = useCall<HeatmapDTO>('timeline.heatmap', { ...range, offsetMinutes }, { placeholderData: keepPreviousData });
  const days = heat.isPlaceholderData ? NO_DAYS : (heat.data?.days ?? NO_DAYS);
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
  const yearChoices = [...new Set([...years, ...(typeof heatWindow === 'number' ? [heatWindow] : [])])].sort((a, b) => b - a);

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
            <PeriodChooser years={yearChoices} value={heatWindow} onChange={setHeatWindow} />
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
              loading={heat.isPlaceholderData}
              selected={day}
              caption={heatWindow === 'recent' ? 'the last 12 months' : String(heatWindow)}
              onOpen={(d) => navigate({ screen: 'timeline', date: d })}
            />
          )}
        </section>

        {day ? (
          <>
            <DayView key={day} day={day} offsetMinutes={offsetMinutes} bounds={bounds.data} onOpen={open} />
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


/** "Last 12 months" and the years with items: a row of buttons, or the years in a menu when there are many. */
function PeriodChooser({ years, value, onChange }: { years: number[]; value: HeatWindow; onChange: (w: HeatWindow) => void }) {
  const many = years.length > MAX_YEAR_BUTTONS;
  return (
    <div className="row tl-periods">
      <div className="segmented tl-windows" role="group" aria-label="Period shown">
        <button type="button" aria-pressed={value === 'recent'} onClick={() => onChange('recent')}>
          Last 12 months
        </button>
        {!many &&
          years.map((y) => (
            <button key={y} type="button" aria-pressed={value === y} onClick={() => onChange(y)}>
              {y}
            </button>
          ))}
      </div>
      {many && (
        <select
          className="select tl-year-select"
          aria-label="Year shown"
          value={value === 'recent' ? '' : String(value)}
          onChange={(e) => e.target.value && onChange(Number(e.target.value))}
        >
          <option value="" disabled>
            Year…
          </option>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
