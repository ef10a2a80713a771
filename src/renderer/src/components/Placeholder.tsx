/** A screen that is not built yet, saying plainly what it will do and what it waits for. */
import type { ReactNode } from 'react';
import { EmptyState } from './EmptyState';
import { ScreenHeader } from './ScreenHeader';

export function PlaceholderScreen({ title, icon, coming, children }: { title: string; icon: string; coming: string; children: ReactNode }) {
  return (
    <>
      <ScreenHeader title={title}>
        <span className="badge">Not yet available</span>
      </ScreenHeader>
      <div className="screen-body">
        <div className="empty-state">
          <div className="placeholder-art" aria-hidden="true">
            {icon}
          </div>
          <EmptyState title={`${title} is coming with ${coming}`}>{children}</EmptyState>
        </div>
      </div>
    </>
  );
}
