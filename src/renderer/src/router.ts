/**
 * Hash routes (`#/notes/<id>`, `#/chat/<sessionId>`), so the same build works from a file:// URL in Electron,
 * from `/` in web mode, and deep links `engram://node/<id>` map to `#/notes/<id>`.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { screen: 'journal'; date?: string }
  | { screen: 'notes'; id?: string }
  | { screen: 'search'; query?: string }
  | { screen: 'timeline'; date?: string }
  | { screen: 'dashboard' }
  | { screen: 'chat'; id?: string }
  | { screen: 'review' }
  | { screen: 'stats' }
  | { screen: 'settings' }
  | { screen: 'trash' };

export function parseRoute(hash: string): Route {
  const [screen = 'notes', arg] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  switch (screen) {
    case 'journal': return { screen, date: arg };
    case 'search': return { screen, query: arg };
    case 'notes': return { screen, id: arg };
    case 'timeline': return { screen, date: arg };
    case 'chat': return { screen, id: arg };
    case 'dashboard': case 'review': case 'stats': case 'settings': case 'trash': return { screen };
    default: return { screen: 'notes' };
  }
}

export function routeHref(route: Route): string {
  const arg = 'id' in route ? route.id : 'date' in route ? route.date : 'query' in route ? route.query : undefined;
  return `#/${route.screen}${arg ? `/${encodeURIComponent(arg)}` : ''}`;
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

/** Navigates and resolves once the app has re-rendered at the new route (hashchange fires asynchronously). */
export function navigateAndSettle(route: Route): Promise<void> {
  const href = routeHref(route);
  if (window.location.hash === href) return Promise.resolve();
  const settled = new Promise<void>((resolve) => window.addEventListener('hashchange', () => resolve(), { once: true }));
  window.location.hash = href;
  return settled;
}

const subscribe = (fn: () => void) => {
  window.addEventListener('hashchange', fn);
  return () => window.removeEventListener('hashchange', fn);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
