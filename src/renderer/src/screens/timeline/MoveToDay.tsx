/**
 * "Move to day…": a date and a time, in this computer's clock, that become the item's event time (its source
 * then reads "set by you", and times found in the file no longer overrule it).
 */
import { useState, type FormEvent } from 'react';
import { clockOffsetMinutes, journalTitle } from '../../../../shared/journal';
import { useAction } from '../../client/actions';
import { NODE_QUERIES, TIMELINE_QUERIES } from '../../client/events';
import { useToast } from '../../components';
import { localInputToIso, wallClock } from './time-text';

export function MoveToDay({ id, at, onMoved }: { id: string; at: string; onMoved?: (day: string) => void }) {
  const run = useAction();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const start = wallClock(at, clockOffsetMinutes(new Date(at)));
  const [day, setDay] = useState(start.day);
  const [time, setTime] = useState(start.time);
  const [busy, setBusy] = useState(false);

  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Move to day…
      </button>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!day || !time) return;
    // The clock's offset on that day, so a summer day chosen in winter gets summer time.
    const offsetMinutes = clockOffsetMinutes(new Date(`${day}T${time}`));
    setBusy(true);
    const moved = await run(
      'timeline.setTime',
      { id, at: localInputToIso(day, time, offsetMinutes), offsetMinutes },
      { invalidates: [...TIMELINE_QUERIES, ...NODE_QUERIES], failure: 'Could not move it to that day' },
    );
    setBusy(false);
    if (!moved) return;
    setOpen(false);
    toast.success(`Moved to ${journalTitle(day)}, ${time}`);
    onMoved?.(day);
  };

  return (
    <form className="tl-move" onSubmit={(e) => void submit(e)} aria-label="Move to day">
      <label>
        <span className="muted small">Day</span>
        <input className="input input-small" type="date" value={day} required onChange={(e) => setDay(e.target.value)} autoFocus />
      </label>
      <label>
        <span className="muted small">Time</span>
        <input className="input input-small" type="time" value={time} required onChange={(e) => setTime(e.target.value)} />
      </label>
      <button type="submit" className="button button-primary button-small" disabled={busy}>
        Move
      </button>
      <button type="button" className="button button-small button-ghost" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
