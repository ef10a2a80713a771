/**
 * Settings → Media: size and length limits, near-duplicate photos, the optional steps, and storage (budget,
 * retention, and "Optimise storage now"). One form, saved together; the engine applies it to new items.
 */
import { useState, type ReactNode } from 'react';
import { TextField } from './fields';
import type { DashboardDTO, MediaSettings } from '../../../../shared/media-schemas';
import { useClient } from '../../client/context';
import { useCall, useInvalidate } from '../../client/queries';
import { errorMessage, QueryState, SubmitRow, useToast } from '../../components';
import { formatBytes } from '../../components/import';
import { distanceWords, formFromSettings, STEP_CHOICES, toSettings, type MediaForm, type MediaFormErrors } from './media-form';

interface OptimiseResult {
  freedBytes: number;
  originalsDropped: number;
  orphansRemoved: number;
}

export function MediaSettingsSection() {
  const settings = useCall<MediaSettings>('media.settings.get', {});
  return (
    <section className="card stack" aria-labelledby="settings-media">
      <h2 id="settings-media">Media</h2>
      <QueryState query={settings} loading="Loading media settings" failure="Could not read the media settings" lines={6}>
        {(data) => <MediaSettingsForm key={JSON.stringify(data)} saved={data} />}
      </QueryState>
    </section>
  );
}

function MediaSettingsForm({ saved }: { saved: MediaSettings }) {
  const client = useClient();
  const invalidate = useInvalidate();
  const toast = useToast();
  const [form, setForm] = useState<MediaForm>(() => formFromSettings(saved));
  const [errors, setErrors] = useState<MediaFormErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<MediaForm>) => setForm((f) => ({ ...f, ...patch }));
  const changed = JSON.stringify(form) !== JSON.stringify(formFromSettings(saved));

  const submit = async () => {
    const result = toSettings(form);
    if ('errors' in result) return setErrors(result.errors);
    setErrors({});
    setBusy(true);
    try {
      await client.call('media.settings.set', result.settings);
      await invalidate('media.settings.get', 'dashboard.get');
      toast.success('Media settings saved');
    } catch (error) {
      toast.error(`Could not save the media settings: ${errorMessage(error)}`, { retry: submit });
    } finally {
      setBusy(false);
    }
  };

  const text = (name: keyof MediaForm, label: string, extra: { suffix?: string; hint?: ReactNode; placeholder?: string; whole?: boolean } = {}) => (
    <TextField
      name={`media-${name}`}
      label={label}
      value={String(form[name])}
      error={errors[name]}
      hint={extra.hint}
      suffix={extra.suffix}
      placeholder={extra.placeholder}
      inputMode={extra.whole ? 'numeric' : 'decimal'}
      onChange={(v) => set({ [name]: v })}
    />
  );

  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="settings-grid">
        {text('maxFileMb', 'Largest file', { suffix: 'MB', whole: true, hint: 'Bigger files are not added.' })}
        {text('maxVideoMinutes', 'Longest video or recording', { suffix: 'minutes', whole: true, hint: 'Longer ones are kept but not processed.' })}
      </div>

      <fieldset className="settings-fieldset">
        <legend>Near-duplicate photos</legend>
        <p className="muted small">Photos that look almost the same (bursts, edits, resized copies) are grouped, so you can keep the best one.</p>
        <div className="settings-grid">
          {text('windowHours', 'Compare photos taken within', { suffix: 'hours', hint: '0 compares every photo with every other.' })}
          {text('maxDistance', 'How alike (0–32)', { whole: true, hint: distanceWords(form.maxDistance) || 'Lower is stricter; 10 is the default.' })}
        </div>
      </fieldset>

      <fieldset className="settings-fieldset">
        <legend>Optional steps</legend>
        <p className="muted small">Turn a step off to save time, battery or space; it stops for new items, and what was done stays.</p>
        {STEP_CHOICES.map((step) => (
          <label key={step.key} className="settings-check">
            <input type="checkbox" checked={form[step.key]} onChange={(e) => set({ [step.key]: e.currentTarget.checked })} />
            <span>
              <span className="settings-check-label">{step.label}</span>
              <span className="muted small">{step.explain}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <fieldset className="settings-fieldset">
        <legend>Storage</legend>
        <div className="settings-grid">
          {text('storageBudgetGb', 'Storage budget', { suffix: 'GB', placeholder: 'no budget', hint: 'A warning shows from 90 %. Empty: no budget.' })}
          {text('retentionDays', 'Keep originals for', {
            suffix: 'days',
            whole: true,
            placeholder: 'always',
            hint: 'Older originals can be dropped; previews and text stay. Empty: keep all.',
          })}
        </div>
        <StorageUsage />
      </fieldset>

      <SubmitRow label="Save media settings" busyLabel="Saving…" busy={busy} disabled={!changed}>
        {changed && !busy && <span className="muted small">Unsaved changes</span>}
      </SubmitRow>
    </form>
  );
}

function StorageUsage() {
  const client = useClient();
  const invalidate = useInvalidate();
  const toast = useToast();
  const dashboard = useCall<DashboardDTO>('dashboard.get', {}, { retry: false });
  const [busy, setBusy] = useState(false);
  const [freed, setFreed] = useState<string | null>(null);
  const storage = dashboard.data?.storage;

  const optimise = async () => {
    setBusy(true);
    setFreed(null);
    try {
      const r = await client.call<OptimiseResult>('media.optimiseStorage', {});
      const parts = [`Freed ${formatBytes(r.freedBytes)}`];
      if (r.originalsDropped) parts.push(`${r.originalsDropped.toLocaleString()} originals dropped`);
      if (r.orphansRemoved) parts.push(`${r.orphansRemoved.toLocaleString()} unused files removed`);
      setFreed(r.freedBytes === 0 && !r.originalsDropped && !r.orphansRemoved ? 'Nothing to free: every original is within the retention time, and no file is unused.' : `${parts.join(', ')}.`);
      await invalidate('dashboard.get', 'library.stats');
    } catch (error) {
      toast.error(`Could not optimise storage: ${errorMessage(error)}`, { retry: optimise });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack settings-storage">
      {storage && (
        <p>
          The library uses <strong>{formatBytes(storage.totalBytes)}</strong>
          {storage.budgetBytes !== null && <> of its {formatBytes(storage.budgetBytes)} budget</>}.
        </p>
      )}
      {storage?.warning && (
        <p className="form-error" role="alert">
          {storage.warning}
        </p>
      )}
      <div className="row">
        <button type="button" className="button" onClick={() => void optimise()} disabled={busy}>
          {busy ? 'Optimising…' : 'Optimise storage now'}
        </button>
        {freed && (
          <span role="status" className="muted small">
            {freed}
          </span>
        )}
      </div>
      <p className="muted small">Drops originals older than the time above (saved settings) and removes files nothing uses.</p>
    </div>
  );
}
