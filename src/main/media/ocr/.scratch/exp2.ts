import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { createWorker, OEM } from 'tesseract.js';
const require = createRequire(import.meta.url);
const dataDir = path.dirname(require.resolve('@tesseract.js-data/eng/package.json'));
const F = '/work/shared/fixtures/photos/exif-samples/jpg/';
const w = await createWorker('eng', OEM.LSTM_ONLY, { langPath: path.join(dataDir, '4.0.0_best_int'), gzip: true, cacheMethod: 'none', errorHandler: (e: unknown) => console.error('EH', e) });
const files = process.argv.slice(2);
for (const f of files) {
  const img = sharp(fs.readFileSync(F + f)).rotate().grayscale();
  const m = await sharp(fs.readFileSync(F + f)).metadata();
  const long = Math.max(m.width!, m.height!);
  const target = long < 1000 ? 1000 : Math.min(long, 2000);
  const png = await img.resize({ width: m.width! >= m.height! ? target : undefined, height: m.width! < m.height! ? target : undefined }).normalise().png({ compressionLevel: 1 }).toBuffer();
  const t = performance.now();
  const r = await w.recognize(png, {}, { text: false, blocks: true });
  const lines = r.data.blocks!.flatMap((b) => b.paragraphs.flatMap((p) => p.lines));
  console.log('==', f, Math.round(performance.now() - t), 'ms', r.data.confidence);
  for (const l of lines) console.log('  ', Math.round(l.confidence), l.words.map((x) => `${x.text}:${Math.round(x.confidence)}`).join(' '));
}
await w.terminate();
