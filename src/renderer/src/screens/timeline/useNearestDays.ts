/**
 * The nearest days with items before and after an empty day, for its "← earlier / later →" links. The bounds
 * answer days outside them at once; inside, the heatmap is asked for a few months either side, widened until
 * each side finds a day or reaches the bounds (whose first and last days always have items).
 */
import { useEffect, useMemo, useState } from 'react';
import type { HeatmapDTO, TimelineBoundsDTO } from '../../../../shared/media-schemas';
import { useCall } from '../../client/queries';
import { NEAREST_FIRST_RADIUS, NEAREST_GROWTH, nearestInBounds, nearestWindow } from './heatmap-grid';

export function useNearestDays(
  day: string,
  offsetMinutes: number,
  bounds: TimelineBoundsDTO | undefined,
  enabled: boolean,
): { before: string | null; after: string | null } {
  // The radius belongs to the day it was widened for; another day starts small again.
  const [grown, setGrown] = useState({ day, radius: NEAREST_FIRST_RADIUS });
  const radius = grown.day === day ? grown.radius : NEAREST_FIRST_RADIUS;
  const window = useMemo(() => (enabled && bounds ? nearestWindow(day, bounds, radius) : null), [enabled, bounds, day, radius]);
  const heat = useCall<HeatmapDTO>('timeline.heatmap', { ...window, offsetMinutes }, { enabled: window !== null });

  const found = useMemo(() => {
    if (!enabled || !bounds) return null;
    if (!window) return nearestInBounds(day, bounds);
    return heat.data ? nearestInBounds(day, bounds, heat.data.days) : null;
  }, [enabled, bounds, day, window, heat.data]);

  const widen = found !== null && !found.complete;
  useEffect(() => {
    if (widen) setGrown({ day, radius: radius * NEAREST_GROWTH });
  }, [widen, day, radius]);

  return { before: found?.before ?? null, after: found?.after ?? null };
}
