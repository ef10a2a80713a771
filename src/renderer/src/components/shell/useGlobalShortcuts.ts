/**
 * App-wide shortcuts: Mod+K palette, Mod+N new note, Mod+J today's journal, Mod+F or "/" search. They listen
 * on window in the capture phase so they work from inside the editor too ("/" only outside text fields).
 */
import { useEffect, useRef } from 'react';
import { isModKey, isTypingTarget } from '../keys';
import { navigate } from '../../router';

interface Handlers {
  togglePalette: () => void;
  newNote: () => void;
}

/** After going to the search screen, put the cursor in its query field once it has rendered. */
export function focusSearchField(triesLeft = 30): void {
  const field = document.querySelector<HTMLInputElement>('main input[type="search"]');
  if (field) field.focus();
  else if (triesLeft > 0) setTimeout(() => focusSearchField(triesLeft - 1), 50);
}

export function useGlobalShortcuts(handlers: Handlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const mod = isModKey(e) && !e.altKey && !e.shiftKey;
      const key = e.key.toLowerCase();
      let action: (() => void) | null = null;
      if (mod && key === 'k') action = latest.current.togglePalette;
      else if (mod && key === 'n') action = latest.current.newNote;
      else if (mod && key === 'j') action = () => navigate({ screen: 'journal' });
      else if ((mod && key === 'f') || (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTypingTarget(e.target))) {
        action = () => {
          navigate({ screen: 'search' });
          focusSearchField();
        };
      }
      if (!action) return;
      e.preventDefault();
      e.stopPropagation();
      action();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
