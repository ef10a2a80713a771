/** The signed-in app: sidebar, the current screen, the command palette, global shortcuts and live updates. */
import { Suspense, useMemo, useState } from 'react';
import { useLiveCache } from '../../client/events';
import { navigate, useRoute } from '../../router';
import { useCreateNote } from '../../screens/notes/useCreateNote';
import { EmptyState } from '../EmptyState';
import { ErrorBoundary } from '../ErrorBoundary';
import { IMPORT_COMMANDS } from '../import';
import { Skeleton } from '../Skeleton';
import { CommandPalette, type PaletteCommand } from './CommandPalette';
import { NAV_ITEMS } from './nav';
import { screenComponent } from './screens';
import { Sidebar } from './Sidebar';
import { useTheme } from './theme';
import { focusSearchField, useGlobalShortcuts } from './useGlobalShortcuts';

export function Shell({ onSignOut }: { onSignOut?: () => void }) {
  const route = useRoute();
  const theme = useTheme();
  const createNote = useCreateNote();
  const [paletteOpen, setPaletteOpen] = useState(false);
  useLiveCache();
  useGlobalShortcuts({ togglePalette: () => setPaletteOpen((o) => !o), newNote: () => void createNote() });

  const commands = useMemo<PaletteCommand[]>(
    () => [
      { id: 'new-note', group: 'Actions', label: 'New note', icon: '＋', shortcut: ['Mod', 'N'], keywords: ['create'], run: () => void createNote() },
      { id: 'journal-today', group: 'Actions', label: "Today's journal", icon: '◐', shortcut: ['Mod', 'J'], run: () => navigate({ screen: 'journal' }) },
      ...IMPORT_COMMANDS,
      { id: 'theme', group: 'Actions', label: 'Switch theme', icon: '☾', keywords: ['dark', 'light', 'mode'], run: theme.cycle },
      ...NAV_ITEMS.map((item): PaletteCommand => ({
        id: `go-${item.screen}`,
        group: 'Go to',
        label: `Go to ${item.label}`,
        icon: item.icon,
        run: () => {
          navigate({ screen: item.screen } as Parameters<typeof navigate>[0]);
          if (item.screen === 'search') focusSearchField();
        },
      })),
    ],
    [createNote, theme.cycle],
  );

  const Screen = screenComponent(route.screen);
  return (
    <div className="app">
      <a className="skip-link button" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <Sidebar onOpenPalette={() => setPaletteOpen(true)} onNewNote={() => void createNote()} theme={theme} onSignOut={onSignOut} />
      <main className="screen" id="main" tabIndex={-1}>
        <ErrorBoundary resetKey={route.screen} what="This screen">
          <Suspense fallback={<div className="screen-body"><Skeleton lines={6} /></div>}>
            {Screen ? <Screen /> : <EmptyState title="This screen is on its way">It has not been built into this version yet.</EmptyState>}
          </Suspense>
        </ErrorBoundary>
      </main>
      <CommandPalette open={paletteOpen} onOpenChange={setPaletteOpen} commands={commands} />
    </div>
  );
}
