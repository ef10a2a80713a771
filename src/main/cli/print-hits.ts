/** Search results for a terminal: title, kind, score, and the snippet with matches in bold. */
import type { SearchResponse } from '../../shared/schemas';

const unescape = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

export function printHits(res: SearchResponse, out: (line: string) => void = console.log): void {
  const bold = process.stdout.isTTY ? (s: string) => `\x1b[1m${s}\x1b[22m` : (s: string) => `*${s}*`;
  if (res.interpreted.range) out(`(dates: ${res.interpreted.range.phrase} → ${res.interpreted.range.from} .. ${res.interpreted.range.to})`);
  if (res.hits.length === 0) return out('No results.');
  res.hits.forEach((h, i) => {
    const title = h.node.title || h.chunk.text.slice(0, 60).replace(/\s+/g, ' ');
    out(`${i + 1}. ${title}  [${h.node.kind}, ${h.node.id}]  score ${h.score.toFixed(4)}`);
    out(`   ${unescape(h.snippet.replace(/<mark>(.*?)<\/mark>/g, (_m, w: string) => bold(w)))}`);
  });
  out(`${res.hits.length} results in ${res.tookMs} ms${res.embedder ? '' : ' (keywords only)'}`);
}
