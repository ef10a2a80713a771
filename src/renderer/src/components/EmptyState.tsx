/** What a screen or list shows when there is nothing in it yet: a title, a line saying how to start, an action. */
import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  /** A sentence or two; say how to fill the space (a shortcut, a button). */
  children?: ReactNode;
  /** Usually one button. */
  action?: ReactNode;
  /** Smaller and left-aligned, for empty lists inside panels. */
  compact?: boolean;
}

export function EmptyState({ title, children, action, compact }: EmptyStateProps) {
  return (
    <div className={compact ? 'empty-state empty-state-compact' : 'empty-state'}>
      <p className="empty-state-title">{title}</p>
      {children && <div className="empty-state-body">{children}</div>}
      {action && <div className="empty-state-action">{action}</div>}
    </div>
  );
}
