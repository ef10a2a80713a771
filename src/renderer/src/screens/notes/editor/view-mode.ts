/** Source, preview or both side by side; the choice is kept for the next note. */
import { useState } from 'react';

export type ViewMode = 'edit' | 'split' | 'preview';
export const VIEW_MODES: { value: ViewMode; label: string }[] = [
  { value: 'edit', label: 'Edit' },
  { value: 'split', label: 'Split' },
  { value: 'preview', label: 'Preview' },
];
const STORAGE_KEY = 'engram.editor.view';

export function useViewMode(): [ViewMode, (mode: ViewMode) => void] {
  const [mode, setMode] = useState<ViewMode>(() => {
    const saved = localStorage.getItem(STORAGE_KEY);
    return VIEW_MODES.some((m) => m.value === saved) ? (saved as ViewMode) : 'split';
  });
  return [
    mode,
    (next) => {
      localStorage.setItem(STORAGE_KEY, next);
      setMode(next);
    },
  ];
}
