/**
 * Search as you type: results follow the query after a short pause, filters narrow them, date words become a
 * range the screen spells out, and the keyboard moves through and opens results without leaving the box.
 */
import { keepPreviousData, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useMemo, useReducer, useState, type KeyboardEvent } from 'react';
import { clockOffsetMinutes } from '../../../../shared/journal';
import type { SearchHit, SearchResponse } from '../../../../shared/schemas';
import { useCall } from '../../client/queries';
import { EmptyState, errorMessage, ScreenHeader, Skeleton, Spinner, useDebouncedValue } from '../../components';
import { navigate, useRoute } from '../../router';
import { embedderLabel } from '../settings/embedder-label';
import { EMPTY_FILTERS, hasFilters, toSearchInput, type SearchForm } from './filters';
import { rangeText } from './range-text';
import { loadRecent, saveRecent, withRecent } from './recent';
import { LIST_ID, optionId, ResultList } from './ResultList';
import { SearchFilters } from './SearchFilters';
import { SearchSide } from './SearchSide';
import { enterTarget, initialSelection, keyAction, selectionReducer } from './selection';
import './search.css';

const TYPING_PAUSE_MS = 150;
// A query counts as "made" (and joins the recent list) once it has stood this long with its results shown.
const SETTLED_MS = 1500;

export default function SearchScreen() {
  const route = useRoute();
  const routeQuery = route.screen === 'search' ? (route.query ?? '') : '';
  const [form, setForm] = useState<SearchForm>({ query: routeQuery, ...EMPTY_FILTERS });
  const [recent, setRecent] = useState(loadRecent);
  const [selection, dispatch] = useReducer(selectionReducer, initialSelection);

  // The palette or a link may arrive with a query (#/search/<query>).
  useEffect(() => {
    if (routeQuery) setForm((f) => ({ ...f, query: routeQuery }));
  }, [routeQuery]);

  const debounced = useDebouncedValue(form, TYPING_PAUSE_MS);
  const input = useMemo(() => toSearchInput(debounced, clockOffsetMinutes), [debounced]);
  // Each input is its own query key: answers to older keystrokes land in their own cache entries, never on screen.
  const results = useCall<SearchResponse>('search.query', input ?? {}, { enabled: input !== null, placeholderData: keepPreviousData });
  const shown = input ? results.data : undefined;
  const hits = shown?.hits ?? [];
  const fresh = debounced === form && !results.isPlaceholderData && results.isSuccess;

  useEffect(() => dispatch({ type: 'results', count: shown?.hits.length ?? 0 }), [shown]);

  useEffect(() => saveRecent(recent), [recent]);
  const remember = (query: string) => setRecent((r) => withRecent(r, query));
  const settled = useDebouncedValue(input?.query ?? '', SETTLED_MS);
  useEffect(() => {
    if (settled && settled === input?.query && results.isSuccess) remember(settled);
  }, [settled, input?.query, results.isSuccess]);

  const open = (hit: SearchHit) => {
    if (input) remember(input.query);
    navigate({ screen: 'notes', id: hit.node.id });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const action = keyAction(e.key);
    if (action) {
      e.preventDefault();
      dispatch(action);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const i = enterTarget(selection, fresh);
      if (i !== null && hits[i]) open(hits[i]);
    } else if (e.key === 'Escape' && form.query) {
      e.preventDefault();
      setForm((f) => ({ ...f, query: '' }));
    }
  };

  const activeId = selection.index >= 0 && selection.index < hits.length ? optionId(selection.index) : undefined;

  return (
    <>
      <ScreenHeader title="Search" />
      <div className="search">
        <div className="search-main">
          <div role="search" className="stack search-box">
            <input
              type="search"
              className="input search-input"
              aria-label="Search"
              placeholder="Search notes, journal, memories… (try “last week”)"
              autoFocus
              value={form.query}
              onChange={(e) => setForm((f) => ({ ...f, query: e.target.value }))}
              onKeyDown={onKeyDown}
              aria-controls={LIST_ID}
              aria-activedescendant={activeId}
              aria-describedby="search-status"
            />
            <SearchFilters form={form} onChange={setForm} />
          </div>
          <SearchStatus form={form} input={input !== null} results={results} hits={hits.length} />
          {!input ? (
            <EmptyState title="Search everything you keep">
              <p>Type a few words. Results come by keyword and by meaning, and dates such as “yesterday” narrow them.</p>
              <p>Use ↑ and ↓ to move through results and Enter to open one.</p>
            </EmptyState>
          ) : results.isPending ? (
            <Skeleton lines={5} label="Searching" />
          ) : results.isError ? null : hits.length === 0 ? (
            <NoResults form={form} response={results.data} onClearFilters={() => setForm((f) => ({ ...f, ...EMPTY_FILTERS }))} />
          ) : (
            <ResultList hits={hits} selected={selection.index} onHover={(index) => dispatch({ type: 'set', index })} onOpen={open} />
          )}
        </div>
        <SearchSide
          recent={recent}
          onPick={(query) => setForm((f) => ({ ...f, query }))}
          onClear={() => setRecent([])}
        />
      </div>
    </>
  );
}

function SearchStatus(props: { form: SearchForm; input: boolean; results: UseQueryResult<SearchResponse, Error>; hits: number }) {
  const { results } = props;
  const data = props.input ? results.data : undefined;
  const range = data?.interpreted.range;
  return (
    <div id="search-status" className="search-status" role="status">
      {results.isError && props.input ? (
        <span className="form-error">Search failed: {errorMessage(results.error)}</span>
      ) : data ? (
        <>
          <span>
            {props.hits} {props.hits === 1 ? 'result' : 'results'}
            {results.isFetching && <Spinner label="Searching" />}
          </span>
          {range && (
            <span className="badge badge-accent">
              Searching {range.phrase}: {rangeText(range, clockOffsetMinutes(), new Date().getFullYear())}
            </span>
          )}
          <span className="muted">{data.embedder ? `Meaning: ${embedderLabel(data.embedder)}` : 'Keywords only'}</span>
        </>
      ) : null}
    </div>
  );
}

function NoResults({ form, response, onClearFilters }: { form: SearchForm; response?: SearchResponse; onClearFilters: () => void }) {
  const range = response?.interpreted.range;
  return (
    <EmptyState
      title={`Nothing found for “${form.query.trim()}”`}
      action={
        hasFilters(form) ? (
          <button type="button" className="button" onClick={onClearFilters}>
            Clear filters
          </button>
        ) : undefined
      }
    >
      {hasFilters(form) && <p>The filters may be hiding what you want.</p>}
      {range && <p>Only items from {rangeText(range, clockOffsetMinutes(), new Date().getFullYear())} were searched, because of “{range.phrase}”.</p>}
      <p>Try other words, or fewer of them.</p>
    </EmptyState>
  );
}
