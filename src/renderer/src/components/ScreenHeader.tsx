/**
 * A screen's top bar: its one <h1>, and actions pushed to the right. The shell's <main class="screen"> already
 * lays the header and the body out as a column, so screens return `<><ScreenHeader/>…body…</>`.
 */
import type { ReactNode } from 'react';

export function ScreenHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="screen-header">
      <h1 className="spacer">{title}</h1>
      {children}
    </header>
  );
}
