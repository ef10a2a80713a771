/**
 * Toasts: short messages at the corner of the window, with a Retry button for failures and an Undo button for
 * things that can be taken back (deletes, restores). `useToast()` gives `toast.error(message, {retry})`,
 * `toast.info(message, {undo})` and `toast.success(message)`. Errors stay until dismissed or retried, because a
 * failure the user did not see is a failure they cannot act on; the rest leave after a few seconds.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

export interface ToastOptions {
  /** Shows a Retry button that runs this and closes the toast. */
  retry?: () => unknown;
  /** Shows an Undo button that runs this and closes the toast. */
  undo?: () => unknown;
  /** Milliseconds before an info toast leaves; errors stay unless this is set. */
  duration?: number;
}

export interface ToastApi {
  error(message: string, options?: ToastOptions): number;
  info(message: string, options?: ToastOptions): number;
  success(message: string, options?: ToastOptions): number;
  dismiss(id: number): void;
}

type Tone = 'error' | 'info' | 'success';
interface Toast extends ToastOptions { id: number; tone: Tone; message: string }

const INFO_MS = 5000;
// Undo must stay reachable long enough to notice the mistake and reach the button.
const UNDO_MS = 10000;

const ToastContext = createContext<ToastApi | null>(null);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);

  const api = useMemo<ToastApi>(() => {
    const show = (tone: Tone) => (message: string, options: ToastOptions = {}) => {
      const id = nextId.current++;
      // Undo is for the latest action: an older Undo left on screen would be ambiguous.
      setToasts((all) => [...all.filter((t) => !(options.undo && t.undo)).slice(-4), { id, tone, message, ...options }]);
      const ms = options.duration ?? (tone === 'error' ? undefined : options.undo ? UNDO_MS : INFO_MS);
      if (ms) setTimeout(() => dismiss(id), ms);
      return id;
    };
    return { error: show('error'), info: show('info'), success: show('success'), dismiss };
  }, [dismiss]);

  const act = (toast: Toast, action: () => unknown) => {
    dismiss(toast.id);
    void action();
  };

  return (
    <ToastContext.Provider value={api}>
      {children}
      <section className="toasts" aria-label="Notifications">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.tone}`} role={t.tone === 'error' ? 'alert' : 'status'}>
            <span className="toast-message">{t.message}</span>
            {t.retry && (
              <button type="button" className="button button-small" onClick={() => act(t, t.retry!)}>
                Retry
              </button>
            )}
            {t.undo && (
              <button type="button" className="button button-small" onClick={() => act(t, t.undo!)}>
                Undo
              </button>
            )}
            <button type="button" className="icon-button" aria-label="Dismiss notification" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
      </section>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast outside ToastProvider');
  return api;
}

/** The message to show for a failed call: the engine's own message when it has one. */
export function errorMessage(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'Something went wrong';
}
