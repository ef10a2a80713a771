/**
 * Where the ffmpeg and ffprobe executables are. The installer packages ship static builds; ENGRAM_FFMPEG and
 * ENGRAM_FFPROBE point at others (a distribution's build with more codecs, or a platform the packages lack).
 * Checked on every call, so fixing the setting needs no restart.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { AvError } from './errors';

export type AvTool = 'ffmpeg' | 'ffprobe';

const ENV: Record<AvTool, string> = { ffmpeg: 'ENGRAM_FFMPEG', ffprobe: 'ENGRAM_FFPROBE' };
const PACKAGE: Record<AvTool, string> = { ffmpeg: '@ffmpeg-installer/ffmpeg', ffprobe: '@ffprobe-installer/ffprobe' };

const requireCjs = createRequire(import.meta.url);

export function ffmpegPath(): string {
  return toolPath('ffmpeg');
}

export function ffprobePath(): string {
  return toolPath('ffprobe');
}

export function toolPath(tool: AvTool): string {
  const override = process.env[ENV[tool]]?.trim();
  const file = override || packagedPath(tool);
  if (!isExecutableFile(file)) {
    throw new AvError(
      'no_ffmpeg',
      override
        ? `${tool} cannot be run: ${ENV[tool]} points at ${file}, which is not an executable file; correct or remove that setting`
        : `${tool} is missing or cannot be run (${file}); reinstall Engram, or set ${ENV[tool]} to the path of an ${tool} executable`,
    );
  }
  return file;
}

function packagedPath(tool: AvTool): string {
  let file: string;
  try {
    file = (requireCjs(PACKAGE[tool]) as { path: string }).path;
  } catch (error) {
    // The installer packages throw a bare string when their platform's binary was not installed.
    const detail = error instanceof Error ? error.message : String(error);
    throw new AvError('no_ffmpeg', `${tool} is not installed (${detail}); reinstall Engram, or set ${ENV[tool]} to the path of an ${tool} executable`);
  }
  // A packaged app can only execute files unpacked from its asar archive.
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
