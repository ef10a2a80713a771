import sharp from 'sharp';
import fs from 'node:fs';
import { OcrEngine } from '../index';
const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="900" height="200"><text x="30" y="80" font-family="DejaVu Sans" font-size="30">Invoice 2024 total 1,234.56 EUR</text><text x="30" y="140" font-family="DejaVu Sans" font-size="30">The quick brown fox jumps over the lazy dog</text></svg>`);
const e = await OcrEngine.create();
const t = performance.now();
const transparent = await sharp(svg).png().toBuffer();
console.log('transparent', await e.recognize(transparent), Math.round(performance.now() - t));
const png16 = await sharp(svg).flatten({ background: '#fff' }).toColourspace('rgb16').png().toBuffer();
console.log((await sharp(png16).metadata()).depth);
console.log('16bit', await e.recognize(png16));
const cmyk = await sharp(svg).flatten({ background: '#fff' }).toColourspace('cmyk').jpeg().toBuffer();
console.log('cmyk', await e.recognize(cmyk));
const F = '/work/shared/fixtures/photos/exif-samples/';
for (const f of ['jpg/Canon_40D.jpg', 'jpg/Nikon_D70.jpg', 'jpg/Fujifilm_FinePix_E500.jpg', 'jpg/Reconyx_HC500_Hyperfire.jpg', 'jpg/hdr/canon_hdr_NO.jpg', 'jpg/mobile/jolla.jpg', 'jpg/tests/11-tests.jpg','jpg/Kodak_CX7530.jpg']) {
  const t = performance.now();
  try { console.log(f, await e.recognize(fs.readFileSync(F + f)), Math.round(performance.now() - t)); } catch (err) { console.log(f, err); }
}
await e.close();
