import { z } from 'zod';
import { defineHandlers } from '../engine/handlers';
import { NodeId } from '../../shared/schemas';
import { summariseDay, summariseWeek } from './summaries';
import { profile, rebuildProfile, setProfile, themesOf } from './themes';

const Offset = z.number().int().min(-900).max(900).optional();

export const summaryHandlers = defineHandlers({
  'summaries.runDue': { summary: 'Writes every missing day summary and weekly recap (what the scheduler does hourly)', input: z.object({}), run: (e) => e.summaries.runDue() },
  'summaries.regenerate': {
    summary: 'Writes a day summary or weekly recap again (week: its Monday), replacing the old one',
    input: z.object({ kind: z.enum(['day', 'week']), period: z.iso.date(), offsetMinutes: Offset }),
    run: (e, { kind, period, offsetMinutes }) => (kind === 'day' ? summariseDay(e, period, offsetMinutes) : summariseWeek(e, period, offsetMinutes)),
  },
  'themes.of': { summary: 'The 3-5 main topics of a note (by a model when its AI use allows, else from its words)', input: z.object({ id: NodeId }), run: (e, { id }) => themesOf(e, id) },
  'profile.get': { summary: 'The user profile', input: z.object({}), run: (e) => profile(e) },
  'profile.set': { summary: 'Replaces the user profile with your own text', input: z.object({ text: z.string().max(20_000) }), run: (e, { text }) => setProfile(e, text) },
  'profile.rebuild': { summary: 'Rebuilds the profile from items whose AI use is "train" (only those)', input: z.object({}), run: (e) => rebuildProfile(e) },
});
