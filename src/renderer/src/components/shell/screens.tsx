/**
 * The screen registry. Every folder `src/renderer/src/screens/<name>/index.tsx` whose name is a route's screen
 * default-exports a component that takes no props and reads `useRoute()` itself. Screens load on first visit,
 * so the first paint carries only the shell.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Route } from '../../router';

const modules = import.meta.glob<{ default: ComponentType }>('../../screens/*/index.tsx');
const loaded = new Map<string, LazyExoticComponent<ComponentType>>();

/** The screen's component, or null while its folder does not exist yet. */
export function screenComponent(screen: Route['screen']): LazyExoticComponent<ComponentType> | null {
  const load = modules[`../../screens/${screen}/index.tsx`];
  if (!load) return null;
  if (!loaded.has(screen)) loaded.set(screen, lazy(load));
  return loaded.get(screen)!;
}
