import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { createWorker, OEM } from 'tesseract.js';
const require = createRequire(import.meta.url);
const dataDir = path.dirname(require.resolve('@tesseract.js-data/eng/package.json'));
const w = await createWorker('eng', OEM.LSTM_ONLY, { langPath: path.join(dataDir, '4.0.0_best_int'), gzip: true, cacheMethod: 'none', errorHandler: (e: unknown) => console.error('EH', e) });
const lines = Array.from({ length: 40 }, (_, i) => `Line ${i} the quick brown fox jumps over the lazy dog again and again`);
const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><rect width="100%" height="100%" fill="white"/>${lines.map((l, i) => `<text x="80" y="${100 + i * 38}" font-family="DejaVu Serif" font-size="22">${l}</text>`).join('')}</svg>`);
const gray = sharp(svg).flatten({ background: '#fff' }).grayscale();
let t = performance.now();
const png = await gray.clone().png({ compressionLevel: 1 }).toBuffer();
console.log('png1', Math.round(performance.now() - t), png.length);
t = performance.now();
const png6 = await gray.clone().png().toBuffer();
console.log('png6', Math.round(performance.now() - t), png6.length);
t = performance.now();
const { data, info } = await gray.clone().raw().toBuffer({ resolveWithObject: true });
const pgm = Buffer.concat([Buffer.from(`P5\n${info.width} ${info.height}\n255\n`), data]);
console.log('pgm', Math.round(performance.now() - t), info.channels);
for (const [name, img] of [['png', png], ['pgm', pgm], ['png', png], ['pgm', pgm]] as const) {
  t = performance.now();
  const r = await w.recognize(img, {}, { text: true });
  console.log(name, Math.round(performance.now() - t), r.data.text.slice(0, 60).replace(/\n/g, '|'));
}
const tiny = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).png().toBuffer();
console.log('tiny', JSON.stringify((await w.recognize(tiny, {}, { text: true, blocks: true })).data.text));
try { await w.recognize(Buffer.from('garbage'), {}, { text: true }); } catch (e) { console.log('garbage err', e); }
await w.terminate();
