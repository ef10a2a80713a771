import fs from 'node:fs';
import path from 'node:path';
import { OcrEngine } from '../index';
const F = '/work/shared/fixtures/photos/exif-samples/';
const files = fs.readdirSync(F, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(jpe?g|heic|png|tiff?)$/i.test(f)).sort();
const e = await OcrEngine.create();
for (const f of files) {
  const t = performance.now();
  try {
    const r = await e.recognize(fs.readFileSync(path.join(F, f)));
    console.log(r.hasText ? 'TEXT' : '----', f, r.words, r.confidence, Math.round(performance.now() - t), JSON.stringify(r.text.slice(0, 120)));
  } catch (err) { console.log('ERR ', f, (err as Error).name, (err as Error).message.slice(0, 150)); }
}
await e.close();
