/**
 * Tags as chips. With `onChange` they are editable: type in "Add tag" and press Enter or comma; each chip has a
 * remove button; Backspace in the empty field removes the last one. `fixedTags` show without a remove button,
 * for tags the user cannot drop here (a #hashtag comes from the text and leaves when the text loses it).
 */
import { useId, useState } from 'react';
import { addTag } from './tag-text';

export interface TagChipsProps {
  tags: string[];
  onChange?: (tags: string[]) => void;
  fixedTags?: string[];
  /** Tooltip on fixed chips, saying why they cannot be removed. */
  fixedHint?: string;
  /** Accessible name of the chip list. */
  label?: string;
  /** Offered while typing (a native datalist). */
  suggestions?: string[];
}

export function TagChips({ tags, onChange, fixedTags = [], fixedHint, label = 'Tags', suggestions = [] }: TagChipsProps) {
  const [draft, setDraft] = useState('');
  const listId = useId();
  const fixed = fixedTags.filter((t) => !tags.includes(t));

  const commit = (text: string) => {
    const next = addTag([...tags, ...fixed], text);
    if (onChange && next.length > tags.length + fixed.length) onChange([...tags, next.at(-1)!]);
    setDraft('');
  };

  return (
    <div className="tag-chips">
      <ul className="chip-list" aria-label={label}>
        {tags.map((tag) => (
          <li key={tag} className="chip">
            <span>#{tag}</span>
            {onChange && (
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove tag ${tag}`}
                onClick={() => onChange(tags.filter((t) => t !== tag))}
              >
                ×
              </button>
            )}
          </li>
        ))}
        {fixed.map((tag) => (
          <li key={tag} className="chip chip-fixed" title={fixedHint}>
            <span>#{tag}</span>
          </li>
        ))}
      </ul>
      {onChange && (
        <>
          <input
            className="input input-small"
            aria-label="Add tag"
            placeholder="Add tag…"
            value={draft}
            list={suggestions.length ? listId : undefined}
            // A comma ends a tag, as it does in most tag fields (and pasting "a, b" adds the first).
            onChange={(e) => (e.target.value.includes(',') ? commit(e.target.value.split(',')[0]!) : setDraft(e.target.value))}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                commit(draft);
              } else if (e.key === 'Backspace' && !draft && tags.length) {
                onChange(tags.slice(0, -1));
              }
            }}
            onBlur={() => draft.trim() && commit(draft)}
          />
          {suggestions.length > 0 && (
            <datalist id={listId}>
              {suggestions.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          )}
        </>
      )}
    </div>
  );
}
