import { z } from 'zod';
import { defineHandlers } from '../engine/handlers';
import { AddToDay, TimelineBounds, TimelineDay, TimelineHeatmap, TimelineItems } from '../../shared/media-schemas';
import { dashboard } from './dashboard';
import { bounds, day, heatmap, items } from './timeline';

export const timelineHandlers = defineHandlers({
  'timeline.heatmap': { summary: 'Items per day between two dates, for the calendar heatmap', input: TimelineHeatmap, run: (e, input) => heatmap(e, input) },
  'timeline.day': { summary: "One day's items grouped into episodes", input: TimelineDay, run: (e, input) => day(e, input) },
  'timeline.bounds': { summary: 'The first and last days with items', input: TimelineBounds, run: (e, input) => bounds(e, input) },
  'timeline.items': { summary: 'All items newest first, a page at a time (pass nextCursor back); failedOnly for items with a failed step', input: TimelineItems, run: (e, input) => items(e, input) },
  'timeline.setTime': {
    summary: 'Places an item at a time a person chose (adds it to a past day); overrides times read from the file',
    input: AddToDay,
    run: (e, { id, at, offsetMinutes }) => e.nodes.update({ id, eventTime: { at, offsetMinutes, source: 'user', confidence: 1 } }),
  },
  'dashboard.get': { summary: 'Items by kind over time, recent items, storage by kind and the queue', input: z.object({}), run: (e) => dashboard(e) },
});
