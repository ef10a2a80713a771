/**
 * Light and dark themes. The choice is "system" (follow the OS), "light" or "dark", remembered in
 * localStorage; the resolved theme goes on <html data-theme> where styles.css swaps its colour variables.
 */
import { useCallback, useEffect, useState } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'engram.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function storedTheme(): ThemeChoice {
  const v = localStorage.getItem(STORAGE_KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function resolveTheme(choice: ThemeChoice, osDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (osDark ? 'dark' : 'light') : choice;
}

export const nextTheme = (choice: ThemeChoice): ThemeChoice =>
  choice === 'system' ? 'light' : choice === 'light' ? 'dark' : 'system';

/** Called before the first render so the page never flashes the wrong theme. */
export function applyTheme(choice: ThemeChoice = storedTheme()): void {
  document.documentElement.dataset.theme = resolveTheme(choice, matchMedia(DARK_QUERY).matches);
}

export function useTheme(): { choice: ThemeChoice; resolved: 'light' | 'dark'; cycle: () => void } {
  const [choice, setChoice] = useState(storedTheme);
  const [osDark, setOsDark] = useState(() => matchMedia(DARK_QUERY).matches);

  useEffect(() => {
    const media = matchMedia(DARK_QUERY);
    const onChange = () => setOsDark(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);

  useEffect(() => {
    if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, choice);
    applyTheme(choice);
  }, [choice, osDark]);

  const cycle = useCallback(() => setChoice(nextTheme), []);
  return { choice, resolved: resolveTheme(choice, osDark), cycle };
}
