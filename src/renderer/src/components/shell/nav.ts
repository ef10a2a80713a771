/** The sidebar's and the palette's destinations, in one list so both always agree. */
import type { Route } from '../../router';

export interface NavItem {
  screen: Route['screen'];
  label: string;
  icon: string;
  /** Shown beside the entry; the shortcut itself lives in useGlobalShortcuts. */
  shortcut?: string[];
  /** Secondary entries sit under "Library" in the sidebar. */
  secondary?: boolean;
}

export const NAV_ITEMS: NavItem[] = [
  { screen: 'journal', label: 'Journal', icon: '◐', shortcut: ['Mod', 'J'] },
  { screen: 'notes', label: 'Notes', icon: '▤' },
  { screen: 'search', label: 'Search', icon: '⌕', shortcut: ['Mod', 'F'] },
  { screen: 'timeline', label: 'Timeline', icon: '◷' },
  { screen: 'dashboard', label: 'Dashboard', icon: '▦' },
  { screen: 'chat', label: 'Chat', icon: '◌' },
  { screen: 'review', label: 'Review', icon: '↻' },
  { screen: 'stats', label: 'Stats', icon: '▥', secondary: true },
  { screen: 'trash', label: 'Trash', icon: '⌫', secondary: true },
  { screen: 'settings', label: 'Settings', icon: '⚙', secondary: true },
];
