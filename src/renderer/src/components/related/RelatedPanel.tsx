/**
 * "Related" beside the note being written: notes and bookmarks close in meaning to its text (asked ~0.8 s after
 * typing pauses, once there are 40 characters), those due for review nudged up, each with the reason it is
 * shown. Collapsible with its header or Ctrl/⌘+Shift+L; the choice is remembered.
 */
import { keepPreviousData } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useState } from 'react';
import type { RelatedResponse } from '../../../../shared/review-schemas';
import type { NodeKind } from '../../../../shared/schemas';
import { useCall } from '../../client/queries';
import { routeHref } from '../../router';
import { Kbd } from '../Kbd';
import { isMac, shortcutText } from '../keys';
import { Spinner } from '../Progress';
import { errorMessage } from '../Toasts';
import { useDebouncedValue } from '../useDebouncedValue';
import { isRelatedToggle, loadOpen, RELATED_DEBOUNCE_MS, RELATED_LIMIT, RELATED_SHORTCUT, relatedQuery, saveOpen } from './related-text';

interface Props {
  title: string;
  body: string;
  /** The note being written, which is never its own match. */
  excludeId: string;
}

const KIND_TEXT: Partial<Record<NodeKind, string>> = { note: 'Note', bookmark: 'Bookmark' };

export function RelatedPanel({ title, body, excludeId }: Props) {
  const [open, setOpenState] = useState(loadOpen);
  const bodyId = useId();
  const setOpen = useCallback((next: boolean) => {
    setOpenState(next);
    saveOpen(next);
  }, []);

  useEffect(() => {
    const mac = isMac();
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !isRelatedToggle(e, mac)) return;
      e.preventDefault();
      setOpenState((o) => {
        saveOpen(!o);
        return !o;
      });
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const query = useDebouncedValue(relatedQuery(title, body), RELATED_DEBOUNCE_MS);
  const related = useCall<RelatedResponse>(
    'recommend.related',
    { text: query ?? '', excludeId, limit: RELATED_LIMIT },
    { enabled: open && query !== null, placeholderData: keepPreviousData },
  );
  const items = query !== null ? (related.data?.items ?? []) : [];

  return (
    <aside className="related" data-open={open} aria-label="Related notes and bookmarks">
      <button
        type="button"
        className="related-toggle"
        aria-expanded={open}
        aria-controls={bodyId}
        aria-keyshortcuts={isMac() ? 'Meta+Shift+L' : 'Control+Shift+L'}
        title={`${open ? 'Hide' : 'Show'} related items (${shortcutText(RELATED_SHORTCUT)})`}
        onClick={() => setOpen(!open)}
      >
        <span className="related-chevron" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span className="related-heading">Related</span>
        {open && items.length > 0 && <span className="badge">{items.length}</span>}
        {open && related.isFetching && <Spinner label="Finding related items" />}
        <span className="spacer" />
        <Kbd keys={RELATED_SHORTCUT} />
      </button>
      {open && (
        <div id={bodyId} className="related-body">
          {query === null ? (
            <p className="muted small related-hint">Keep writing: notes and bookmarks about the same thing show up here.</p>
          ) : related.isError ? (
            <p className="form-error small">Could not find related items: {errorMessage(related.error)}</p>
          ) : related.isPending ? (
            <p className="muted small related-hint">Looking…</p>
          ) : items.length === 0 ? (
            <p className="muted small related-hint">Nothing related yet.</p>
          ) : (
            <ul className="related-list">
              {items.map((item) => (
                <li key={item.nodeId} className="related-item">
                  <a className="related-link" href={routeHref({ screen: 'notes', id: item.nodeId })}>
                    <span className="related-title">{item.title || 'Untitled'}</span>
                    <span className="related-reason">
                      <span className="badge">{KIND_TEXT[item.kind] ?? item.kind}</span> {item.reason}
                    </span>
                    {(item.passage || item.excerpt) && <span className="related-excerpt">{item.passage || item.excerpt}</span>}
                  </a>
                  {item.url && (
                    <a className="related-external" href={item.url} target="_blank" rel="noopener noreferrer" aria-label={`Open ${item.title || 'the page'} on the web`} title={item.url}>
                      ↗
                    </a>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </aside>
  );
}
