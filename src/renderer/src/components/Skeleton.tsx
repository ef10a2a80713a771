/**
 * Grey placeholder bars while data loads, so the layout does not jump when it arrives. The wrapper is marked
 * busy and labelled for screen readers; the bars themselves are hidden from them.
 */
export interface SkeletonProps {
  /** How many bars. */
  lines?: number;
  /** What is loading, read out by screen readers ("Loading notes"). */
  label?: string;
}

const WIDTHS = ['92%', '76%', '84%', '61%', '70%'];

export function Skeleton({ lines = 3, label = 'Loading' }: SkeletonProps) {
  return (
    <div className="skeleton" role="status" aria-busy="true" aria-label={label}>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton-line" aria-hidden="true" style={{ width: WIDTHS[i % WIDTHS.length] }} />
      ))}
    </div>
  );
}
