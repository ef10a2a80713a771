/** The left column: the palette opener, "New note", the screens, and the theme switch. */
import { Kbd } from '../Kbd';
import { shortcutText } from '../keys';
import { routeHref, useRoute } from '../../router';
import { NAV_ITEMS, type NavItem } from './nav';
import type { ThemeChoice } from './theme';

interface Props {
  onOpenPalette: () => void;
  onNewNote: () => void;
  theme: { choice: ThemeChoice; resolved: 'light' | 'dark'; cycle: () => void };
  onSignOut?: () => void;
}

const THEME_NAMES: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function Sidebar({ onOpenPalette, onNewNote, theme, onSignOut }: Props) {
  const route = useRoute();
  const link = (item: NavItem) => (
    <a
      key={item.screen}
      className="nav-link"
      href={routeHref({ screen: item.screen } as Parameters<typeof routeHref>[0])}
      aria-current={route.screen === item.screen ? 'page' : undefined}
    >
      <span className="nav-icon" aria-hidden="true">
        {item.icon}
      </span>
      {item.label}
      {item.shortcut && <Kbd keys={item.shortcut} />}
    </a>
  );

  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          E
        </span>
        Engram
      </div>
      <button type="button" className="sidebar-search" onClick={onOpenPalette} aria-keyshortcuts="Control+K Meta+K">
        <span>Search…</span>
        <Kbd keys={['Mod', 'K']} />
      </button>
      <button type="button" className="button" onClick={onNewNote} title={shortcutText(['Mod', 'N'])}>
        <span aria-hidden="true">＋</span>New note
      </button>
      <nav className="nav" aria-label="Main">
        {NAV_ITEMS.filter((i) => !i.secondary).map(link)}
        <div className="nav-section" aria-hidden="true">
          Library
        </div>
        {NAV_ITEMS.filter((i) => i.secondary).map(link)}
      </nav>
      <div className="sidebar-footer">
        <button type="button" className="button button-ghost" onClick={theme.cycle}>
          <span aria-hidden="true">{theme.resolved === 'dark' ? '☾' : '☀'}</span>
          Theme: {THEME_NAMES[theme.choice]}
        </button>
        {onSignOut && (
          <button type="button" className="button button-ghost" onClick={onSignOut}>
            <span aria-hidden="true">⎋</span>Sign out
          </button>
        )}
      </div>
    </aside>
  );
}
