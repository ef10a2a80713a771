/**
 * OCR throughput and accuracy on synthetic scans: N A4 pages of 11 pt serif text at 150 dpi rendered by sharp,
 * read one at a time by a single worker (the engine's default). Prints pages/min from the median page time
 * (and CPU per page, which a busy machine disturbs less), the worker's start-up, peak RSS of the whole
 * process (tesseract runs in its threads) and character accuracy against the source text.
 * Usage: `node --import tsx bench/ocr.ts [pages=10]`.
 */
import { OcrEngine } from '../src/main/media/ocr';
import { renderText } from '../src/main/media/ocr/test-support';
import { mb, round, summarise } from './stats';
import { rng, TextGenerator, vocabulary } from './synthetic';

const DPI = 150;
const PAGE = { width: Math.round(8.27 * DPI), height: Math.round(11.69 * DPI) };
const FONT_PX = Math.round((11 / 72) * DPI);
const LINE_PX = Math.round(FONT_PX * 1.35);
const MARGIN_PX = DPI; // one inch
const LINE_CHARS = 78; // fits the text width in Liberation Serif (Times metrics) at 11 pt
const LINES = Math.floor((PAGE.height - 2 * MARGIN_PX) / LINE_PX);

/** Page text: generated sentences with the amounts, dates and codes of real paperwork mixed in. */
function pageLines(gen: TextGenerator, next: () => number): string[] {
  const extras = [
    () => `${Math.floor(next() * 9000 + 1000)},${String(Math.floor(next() * 100)).padStart(2, '0')}`,
    () => `2024-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
    () => `#${Math.floor(next() * 90000 + 10000)}`,
    () => `${Math.floor(next() * 100)}%`,
  ];
  const words: string[] = [];
  while (words.join(' ').length < LINES * LINE_CHARS) {
    words.push(...gen.sentence().split(' '));
    if (next() < 0.4) words.push(extras[Math.floor(next() * extras.length)]!());
  }
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > LINE_CHARS) {
      lines.push(line);
      if (lines.length === LINES) break;
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return lines;
}

/** Edit distance with two rows, O(a·b) time, O(b) memory. */
function levenshtein(a: string, b: string): number {
  let previous = Uint32Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

async function main(pages: number) {
  const gen = new TextGenerator(vocabulary(), 11);
  const next = rng(11);
  const sources = Array.from({ length: pages }, () => pageLines(gen, next));
  // One page at a time, so the peak RSS is the engine's rather than librsvg's for ten pages at once.
  const render = (lines: string[]) => renderText(lines, { ...PAGE, fontSize: FONT_PX, lineHeight: LINE_PX, margin: MARGIN_PX, font: 'Liberation Serif' });
  await render(sources[0]!);
  const rssBeforeMb = mb(process.memoryUsage().rss);

  const engine = await OcrEngine.create();
  try {
    // The first call starts the worker (wasm core and model); timed apart from the pages.
    const warm = await renderText(['warm up'], { width: 400, height: 100, fontSize: 32 });
    let t = performance.now();
    await engine.recognize(warm);
    const workerStartMs = round(performance.now() - t);

    const times: number[] = [];
    const cpu: number[] = [];
    let distance = 0;
    let length = 0;
    let confidence = 0;
    for (let i = 0; i < pages; i++) {
      const image = await render(sources[i]!);
      t = performance.now();
      const cpuBefore = process.cpuUsage();
      const result = await engine.recognize(image);
      times.push(performance.now() - t);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1000);
      const expected = normalise(sources[i]!.join('\n'));
      distance += levenshtein(expected, normalise(result.text));
      length += expected.length;
      confidence += result.confidence;
    }
    const pageMs = summarise(times);
    return {
      pages,
      page: `${PAGE.width}x${PAGE.height} px (A4 @ ${DPI} dpi), ${LINES} lines, ~${Math.round(length / pages)} chars`,
      workerStartMs,
      pageMs,
      pagesPerMin: round(60_000 / pageMs.p50),
      /** CPU of the whole process per page, all threads: steadier than wall time on a shared machine. */
      pageCpuMs: summarise(cpu),
      charAccuracy: round(1 - distance / length, 4),
      meanConfidence: round(confidence / pages),
      /** Before the engine starts (node, sharp, one rendered page), then the peak with the engine reading. */
      rssBeforeMb,
      peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
    };
  } finally {
    await engine.close();
  }
}

console.log(JSON.stringify(await main(Number(process.argv[2] ?? 10))));
