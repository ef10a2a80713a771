import type { ReactNode } from 'react';

/** A form's row of buttons: its submit button, disabled and relabelled while `busy`, then anything else. */
export function SubmitRow({
  label,
  busyLabel,
  busy,
  disabled,
  className,
  children,
}: {
  label: string;
  /** Shown while `busy`, e.g. "Saving…". */
  busyLabel: string;
  busy: boolean;
  /** Disabled for another reason too (nothing changed, another action runs). */
  disabled?: boolean;
  /** Added to `row`. */
  className?: string;
  children?: ReactNode;
}) {
  return (
    <div className={className ? `row ${className}` : 'row'}>
      <button type="submit" className="button button-primary" disabled={busy || disabled}>
        {busy ? busyLabel : label}
      </button>
      {children}
    </div>
  );
}
