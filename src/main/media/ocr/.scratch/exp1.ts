import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { createWorker, OEM } from 'tesseract.js';
const require = createRequire(import.meta.url);
const dataDir = path.dirname(require.resolve('@tesseract.js-data/eng/package.json'));
const variant = process.argv[2] ?? '4.0.0_best_int';
const svg = (lines: string[], w = 1240, h = 600, size = 28) =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="white"/>${lines
    .map((l, i) => `<text x="40" y="${80 + i * size * 1.6}" font-family="DejaVu Sans" font-size="${size}" fill="black">${l}</text>`)
    .join('')}</svg>`);
const t0 = performance.now();
const w = await createWorker('eng', OEM.LSTM_ONLY, { langPath: path.join(dataDir, variant), gzip: true, cacheMethod: 'none', errorHandler: (e: unknown) => console.error('EH', e) });
console.log('init ms', Math.round(performance.now() - t0));
const png = await sharp(svg(['Invoice 2024 total 1,234.56 EUR', 'The quick brown fox jumps over the lazy dog'])).grayscale().png().toBuffer();
for (let i = 0; i < 2; i++) {
  const t = performance.now();
  const r = await w.recognize(png, {}, { text: true, blocks: true });
  console.log('rec ms', Math.round(performance.now() - t), JSON.stringify(r.data.text), r.data.confidence);
  const words = r.data.blocks!.flatMap((b) => b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words)));
  console.log(words.map((x) => `${x.text}:${Math.round(x.confidence)}`).join(' '));
}
await w.terminate();
