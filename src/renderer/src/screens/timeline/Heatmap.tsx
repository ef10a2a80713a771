/**
 * The calendar heatmap: a square per day, darker for more items, in week columns like a wall calendar turned
 * on its side. One tab stop: arrow keys move by day (up/down) and week (left/right), Home/End go to the ends,
 * Enter opens the day. The tooltip follows the pointer or the keyboard; each square's name says the same.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { journalTitle } from '../../../../shared/journal';
import { heatmapGrid, moveInGrid, type HeatCell } from './heatmap-grid';
import { countText } from './time-text';

const WEEKDAY_LABELS = ['Mon', '', 'Wed', '', 'Fri', '', ''];

interface Props {
  from: string;
  to: string;
  days: { day: string; count: number }[];
  selected?: string;
  /** The counts of this period are still on their way (the squares show empty meanwhile). */
  loading?: boolean;
  /** Caption for the group, e.g. "the last 12 months" or "2008". */
  caption: string;
  onOpen: (day: string) => void;
}

export function Heatmap({ from, to, days, selected, loading = false, caption, onOpen }: Props) {
  const grid = useMemo(() => heatmapGrid(from, to, days), [from, to, days]);
  const inWindow = (d: string | undefined) => d !== undefined && d >= from && d <= to;
  // The one square in the tab order: the open day, else the latest day with items, else the window's last day.
  const latestActive = useMemo(() => [...grid.weeks.flat()].reverse().find((c) => c && c.count > 0)?.day, [grid]);
  const [focusDay, setFocusDay] = useState<string>(() => (inWindow(selected) ? selected! : (latestActive ?? to)));
  const [tip, setTip] = useState<{ cell: HeatCell; x: number; y: number } | null>(null);
  const cells = useRef(new Map<string, HTMLButtonElement>());
  const root = useRef<HTMLDivElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    setFocusDay(inWindow(selected) ? selected! : (latestActive ?? to));
  }, [selected, from, to, latestActive]);

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    const el = cells.current.get(focusDay);
    el?.focus();
    if (el) showTip(el, focusDay);
  }, [focusDay]);

  const byDay = useMemo(() => new Map(grid.weeks.flat().filter((c): c is HeatCell => c !== null).map((c) => [c.day, c])), [grid]);

  // The tooltip sits on the heatmap's box (outside the scrolling grid, which would cut it off) above the square.
  function showTip(el: HTMLElement, day: string) {
    const cell = byDay.get(day);
    const box = root.current?.getBoundingClientRect();
    if (!cell || !box) return;
    const r = el.getBoundingClientRect();
    setTip({ cell, x: r.left + r.width / 2 - box.left, y: r.top - box.top });
  }

  // Kept inside the heatmap's width, so the first and last weeks' tooltips are not cut off at the edges.
  useLayoutEffect(() => {
    const el = tipRef.current;
    const width = root.current?.clientWidth;
    if (!el || !tip || !width) return;
    const half = el.offsetWidth / 2;
    el.style.left = `${Math.min(Math.max(tip.x, half), width - half)}px`;
  }, [tip]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = moveInGrid(focusDay, e.key, from, to);
    if (!next) return;
    e.preventDefault();
    moved.current = true;
    setFocusDay(next);
  };

  return (
    <div className="tl-heatmap" ref={root} aria-busy={loading || undefined} data-loading={loading || undefined}>
      {tip && (
        <div ref={tipRef} className="tl-heat-tip" aria-hidden="true" style={{ left: tip.x, top: tip.y }}>
          <strong>{tip.cell.count ? countText(tip.cell.count, 'item') : 'Nothing'}</strong> on {journalTitle(tip.cell.day)}
        </div>
      )}
      <div className="tl-heat-scroll" onScroll={() => setTip(null)}>
        <div className="tl-heat-inner">
          <div className="tl-heat-months" aria-hidden="true" style={{ gridTemplateColumns: `repeat(${grid.weeks.length}, var(--heat-cell))` }}>
            {grid.months.map((m) => (
              <span key={`${m.label}-${m.week}`} style={{ gridColumn: `${m.week + 1} / span 3` }}>
                {m.label}
              </span>
            ))}
          </div>
          <div className="tl-heat-body">
            <div className="tl-heat-weekdays" aria-hidden="true">
              {WEEKDAY_LABELS.map((d, i) => (
                <span key={i}>{d}</span>
              ))}
            </div>
            <div
              className="tl-heat-grid"
              role="group"
              aria-label={`Items per day, ${caption}`}
              onKeyDown={onKeyDown}
              onMouseLeave={() => setTip(null)}
              onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && setTip(null)}
            >
              {grid.weeks.flatMap((week, w) =>
                week.map((cell, d) =>
                  cell ? (
                    <button
                      key={cell.day}
                      ref={(el) => void (el ? cells.current.set(cell.day, el) : cells.current.delete(cell.day))}
                      type="button"
                      className="tl-heat-cell"
                      data-level={cell.level}
                      aria-current={cell.day === selected ? 'date' : undefined}
                      aria-label={`${journalTitle(cell.day)}: ${cell.count ? countText(cell.count, 'item') : 'nothing'}`}
                      tabIndex={cell.day === focusDay ? 0 : -1}
                      onClick={() => onOpen(cell.day)}
                      onFocus={(e) => (setFocusDay(cell.day), showTip(e.currentTarget, cell.day))}
                      onMouseEnter={(e) => showTip(e.currentTarget, cell.day)}
                    />
                  ) : (
                    <span key={`blank-${w}-${d}`} className="tl-heat-blank" aria-hidden="true" />
                  ),
                ),
              )}
            </div>
          </div>
        </div>
      </div>
      <div className="tl-heat-foot">
        <span className="muted small">
          {loading ? `Counting the items in ${caption}…` : `${countText(grid.total, 'item')} on ${countText(grid.activeDays, 'day')} in ${caption}`}
        </span>
        <span className="tl-heat-legend muted small" aria-hidden="true">
          Less
          {[0, 1, 2, 3, 4].map((l) => (
            <span key={l} className="tl-heat-cell tl-heat-swatch" data-level={l} />
          ))}
          More
        </span>
      </div>
    </div>
  );
}
