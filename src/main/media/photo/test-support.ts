/** Shared by the photo tests: the fixture photos, exiftool as the reference reader, per-file time limits. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../../../../shared/fixtures/photos/exif-samples/', import.meta.url));

const IMAGE = /\.(jpe?g|heic|heif|tiff?)$/i;

/** Image files under `dir` (relative to FIXTURES), recursively, as paths relative to FIXTURES. */
export function fixtures(dir: string): string[] {
  return fs
    .readdirSync(path.join(FIXTURES, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => IMAGE.test(name))
    .map((name) => path.join(dir, name))
    .sort();
}

export const read = (file: string): Buffer => fs.readFileSync(path.join(FIXTURES, file));

/** exiftool's JSON for `files` (relative to FIXTURES), keyed by that relative path; one process for all. */
export function exiftool(files: string[], tags: string[]): Map<string, Record<string, unknown>> {
  const out = execFileSync('exiftool', ['-j', '-q', '-m', ...tags, ...files], { cwd: FIXTURES, maxBuffer: 64 << 20 });
  const rows = JSON.parse(out.toString('utf8')) as Record<string, unknown>[];
  return new Map(rows.map((row) => [String(row.SourceFile), row]));
}

/** A copy of `bytes` with tags written by exiftool (`-TAG#=VALUE` writes the raw value, unchecked). */
export function withTags(bytes: Buffer, assignments: string[]): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-photo-'));
  try {
    const source = path.join(dir, 'in.jpg');
    const target = path.join(dir, 'out.jpg');
    fs.writeFileSync(source, bytes);
    execFileSync('exiftool', ['-q', '-m', '-o', target, ...assignments, source]);
    return fs.readFileSync(target);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Rejects when `work` takes longer than `ms`, so a hang shows as a failure naming the file. */
export function within<T>(ms: number, label: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** `count` copies of fixture photos with random bytes overwritten in their first 4 KB (headers, metadata). */
export function damagedCopies(count: number): { label: string; bytes: Buffer }[] {
  const sources = ['jpg/Canon_40D.jpg', 'jpg/gps/DSCN0010.jpg', 'jpg/tests/87_OSError.jpg', 'heic/samplefilehub.heif', 'tiff/Arbitro.tiff'];
  let seed = 42; // fixed, so a failure names a reproducible copy
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  return Array.from({ length: count }, (_, i) => {
    const source = sources[i % sources.length]!;
    const bytes = Buffer.from(read(source));
    const region = Math.min(bytes.length, 4096);
    for (let n = 1 + Math.floor(random() * 20); n > 0; n--) bytes[3 + Math.floor(random() * (region - 3))] = Math.floor(random() * 256);
    return { label: `${source} #${i}`, bytes };
  });
}
