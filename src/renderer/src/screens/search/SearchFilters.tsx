/** The filter row under the search box: kind, tag, date span and privacy, each a labelled native control. */
import { NODE_KINDS } from '../../../../shared/schemas';
import { useCall } from '../../client/queries';
import { PRIVACY_CHOICES } from '../../components';
import { EMPTY_FILTERS, hasFilters, type SearchForm } from './filters';
import { kindLabel } from './hit-text';

export function SearchFilters({ form, onChange }: { form: SearchForm; onChange: (f: SearchForm) => void }) {
  const tags = useCall<{ tag: string; count: number }[]>('tags.list');
  const set = <K extends keyof SearchForm>(key: K, value: SearchForm[K]) => onChange({ ...form, [key]: value });

  return (
    <fieldset className="search-filters">
      <legend className="visually-hidden">Filters</legend>
      <select className="select input-small" aria-label="Kind" value={form.kind} onChange={(e) => set('kind', e.target.value as SearchForm['kind'])}>
        <option value="">Any kind</option>
        {NODE_KINDS.filter((k) => k !== 'folder').map((k) => (
          <option key={k} value={k}>
            {kindLabel(k)}
          </option>
        ))}
      </select>
      <select className="select input-small" aria-label="Tags" value={form.tag} onChange={(e) => set('tag', e.target.value)}>
        <option value="">Any tag</option>
        {/* A tag chosen before the list loaded (or since removed) stays selectable. */}
        {form.tag && !tags.data?.some((t) => t.tag === form.tag) && <option value={form.tag}>#{form.tag}</option>}
        {tags.data?.map((t) => (
          <option key={t.tag} value={t.tag}>
            #{t.tag} ({t.count})
          </option>
        ))}
      </select>
      <label className="search-date">
        <span>From</span>
        <input className="input input-small" type="date" value={form.from} max={form.to || undefined} onChange={(e) => set('from', e.target.value)} />
      </label>
      <label className="search-date">
        <span>To</span>
        <input className="input input-small" type="date" value={form.to} min={form.from || undefined} onChange={(e) => set('to', e.target.value)} />
      </label>
      <select className="select input-small" aria-label="Privacy" value={form.privacy} onChange={(e) => set('privacy', e.target.value as SearchForm['privacy'])}>
        <option value="">Any privacy</option>
        {PRIVACY_CHOICES.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
      </select>
      {hasFilters(form) && (
        <button type="button" className="button button-small button-ghost" onClick={() => onChange({ ...form, ...EMPTY_FILTERS })}>
          Clear filters
        </button>
      )}
    </fieldset>
  );
}
