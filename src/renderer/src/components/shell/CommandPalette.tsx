/**
 * The command palette (Ctrl/⌘+K): type to filter commands and destinations, and to search the library as you
 * type; Enter runs the command or opens the note. Esc closes it.
 */
import { Command } from 'cmdk';
import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { SearchResponse } from '../../../../shared/schemas';
import { useCall } from '../../client/queries';
import { navigate } from '../../router';
import { Kbd } from '../Kbd';
import { Snippet } from '../Snippet';
import { useDebouncedValue } from '../useDebouncedValue';
import { matchesCommand } from './palette-match';

export interface PaletteCommand {
  id: string;
  label: string;
  group: 'Actions' | 'Go to';
  icon?: string;
  shortcut?: string[];
  keywords?: string[];
  run: () => void;
}

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  commands: PaletteCommand[];
}

const SEARCH_DEBOUNCE_MS = 150;
const MIN_QUERY = 2;

export function CommandPalette({ open, onOpenChange, commands }: Props) {
  const [query, setQuery] = useState('');
  const settled = useDebouncedValue(query.trim(), SEARCH_DEBOUNCE_MS);
  const searching = settled.length >= MIN_QUERY;
  const search = useCall<SearchResponse>(
    'search.query',
    { query: settled, limit: 8, timezoneOffsetMinutes: -new Date().getTimezoneOffset() },
    { enabled: open && searching, placeholderData: keepPreviousData },
  );
  // Hits of an older query stay visible while the new ones load, but cannot be picked by an early Enter.
  const stale = search.isPlaceholderData || settled !== query.trim();
  // One row per note: its best passage (hits come best first).
  const hits = searching ? (search.data?.hits ?? []).filter((h, i, all) => all.findIndex((o) => o.node.id === h.node.id) === i) : [];
  const hitValue = (hit: (typeof hits)[number]) => `hit-${hit.node.id}-${hit.chunk.id}`;

  // When fresh hits arrive the best one becomes the selection, so Enter opens it.
  const [selected, setSelected] = useState('');
  const firstFresh = !stale && hits[0] ? hitValue(hits[0]) : null;
  useEffect(() => {
    if (firstFresh) setSelected(firstFresh);
  }, [firstFresh]);

  const close = (then: () => void) => {
    onOpenChange(false);
    setQuery('');
    then();
  };
  const visible = commands.filter((c) => matchesCommand(query, c.label, c.keywords));
  const group = (name: PaletteCommand['group']) => {
    const items = visible.filter((c) => c.group === name);
    return (
      items.length > 0 && (
        <Command.Group heading={name}>
          {items.map((c) => (
            <Command.Item key={c.id} value={c.id} onSelect={() => close(c.run)}>
              <span className="nav-icon" aria-hidden="true">
                {c.icon}
              </span>
              {c.label}
              {c.shortcut && <Kbd keys={c.shortcut} />}
            </Command.Item>
          ))}
        </Command.Group>
      )
    );
  };

  return (
    <Command.Dialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close(() => {}))}
      label="Command palette"
      shouldFilter={false}
      value={selected}
      onValueChange={setSelected}
      loop
    >
      <Command.Input value={query} onValueChange={setQuery} placeholder="Search notes or type a command…" />
      <Command.List>
        {hits.length > 0 && (
          <Command.Group heading="Notes">
            {hits.map((hit) => (
              <Command.Item
                key={hitValue(hit)}
                value={hitValue(hit)}
                disabled={stale}
                onSelect={() => close(() => navigate({ screen: 'notes', id: hit.node.id }))}
              >
                <span className="palette-hit">
                  <span className="palette-hit-title">{hit.node.title || 'Untitled'}</span>
                  <Snippet html={hit.snippet} />
                </span>
              </Command.Item>
            ))}
          </Command.Group>
        )}
        {query.trim() && (
          <Command.Group heading="Search">
            <Command.Item value="search-everything" onSelect={() => close(() => navigate({ screen: 'search', query: query.trim() }))}>
              <span className="nav-icon" aria-hidden="true">
                ⌕
              </span>
              Search everything for “{query.trim()}”
            </Command.Item>
          </Command.Group>
        )}
        {group('Actions')}
        {group('Go to')}
        {searching && search.isFetching && !search.data && <Command.Loading>Searching…</Command.Loading>}
        {searching && search.isError && <div className="palette-footer">Search failed: {search.error.message}</div>}
      </Command.List>
      <div className="palette-footer" aria-hidden="true">
        <span>
          <Kbd keys={['ArrowUp']} /> <Kbd keys={['ArrowDown']} /> to move
        </span>
        <span>
          <Kbd keys={['Enter']} /> to open
        </span>
        <span>
          <Kbd keys={['Escape']} /> to close
        </span>
      </div>
    </Command.Dialog>
  );
}
