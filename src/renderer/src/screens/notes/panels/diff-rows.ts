/**
 * A version diff (unified hunks from `versions.diff`) as rows to render: a header per hunk, then each line
 * with its sign and its line numbers on the old and the new side.
 */
export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

export type DiffRow =
  | { kind: 'hunk'; text: string }
  | { kind: 'add' | 'del' | 'same'; text: string; oldNo?: number; newNo?: number };

export function diffRows(hunks: DiffHunk[]): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const h of hunks) {
    rows.push({ kind: 'hunk', text: `Lines ${h.oldStart}–${h.oldStart + Math.max(0, h.oldLines - 1)} → ${h.newStart}–${h.newStart + Math.max(0, h.newLines - 1)}` });
    let oldNo = h.oldStart;
    let newNo = h.newStart;
    for (let i = 0; i < h.lines.length; i++) {
      const line = h.lines[i]!;
      const sign = line[0];
      const text = line.slice(1);
      // "\ No newline at end of file" describes the line above; it is not content.
      if (sign === '\\') continue;
      // A last line that only gained a line break shows as removed and re-added; it reads as unchanged.
      if (sign === '-' && h.lines[i + 1]?.[0] === '\\' && h.lines[i + 2] === `+${text}`) {
        rows.push({ kind: 'same', text, oldNo: oldNo++, newNo: newNo++ });
        i += 2;
        continue;
      }
      if (sign === '+') rows.push({ kind: 'add', text, newNo: newNo++ });
      else if (sign === '-') rows.push({ kind: 'del', text, oldNo: oldNo++ });
      else rows.push({ kind: 'same', text, oldNo: oldNo++, newNo: newNo++ });
    }
  }
  return rows;
}

/** A whole text as added lines: the first version has nothing before it to diff against. */
export function addedRows(text: string): DiffRow[] {
  return text ? text.split('\n').map((line, i) => ({ kind: 'add' as const, text: line, newNo: i + 1 })) : [];
}
