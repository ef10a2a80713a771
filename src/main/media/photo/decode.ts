/**
 * Opens any supported photo as an upright sharp pipeline, for previews and hashing alike. Prebuilt sharp
 * reads HEIF containers but ships no HEVC decoder (patents), so HEVC-coded HEIC/HEIF falls back to
 * heic-decode (libheif compiled to wasm), which also applies the container's rotation and mirroring.
 */
import decodeHeic from 'heic-decode';
import sharp, { type Sharp, type SharpOptions } from 'sharp';
import { PhotoError, firstLine } from './errors';
import { describeNonImage, sniffImageFormat } from './sniff';

export interface DecodeOptions {
  /** Refuse images with more pixels than this, before decoding. Default: DEFAULT_MAX_PIXELS. */
  maxPixels?: number;
}

export interface UprightImage {
  /** Size as displayed. */
  width: number;
  height: number;
  /** Runs `use` on a fresh upright pipeline (sharp pipelines are single-use). */
  render<T>(use: (pipeline: Sharp) => Promise<T>): Promise<T>;
  /** Set once a render had to fall back to a lenient decode because the pixel data is damaged. */
  damaged?: string;
}

/** Covers 200 MP phone sensors (16320 x 12240). */
export const DEFAULT_MAX_PIXELS = 200_000_000;
// heic-decode holds the whole RGBA frame in memory (4 bytes a pixel) plus libheif's working copy.
const MAX_HEIF_PIXELS = 64_000_000;

export async function openUpright(bytes: Buffer, options: DecodeOptions = {}): Promise<UprightImage> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const format = sniffImageFormat(bytes);
  if (!format) throw new PhotoError(bytes.length === 0 ? 'empty' : 'unsupported_format', describeNonImage(bytes));
  const meta = await sharp(bytes).metadata().catch((error: unknown) => {
    throw new PhotoError('undecodable', `the ${format} image could not be read: ${firstLine(error)}`);
  });
  const limit = meta.compression === 'hevc' ? Math.min(maxPixels, MAX_HEIF_PIXELS) : maxPixels;
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > limit) {
    const mp = (n: number) => `${Math.round(n / 1e5) / 10} MP`;
    throw new PhotoError('too_large', `the image is ${meta.width} x ${meta.height} (${mp(pixels)}), over the ${mp(limit)} limit`);
  }
  if (meta.compression === 'hevc' && !(await sharpDecodesHevc(bytes))) return openWithHeicDecode(bytes);
  const { width = 0, height = 0 } = meta.autoOrient ?? {};
  return openWithSharp(bytes, width, height, { limitInputPixels: limit, autoOrient: true });
}

function openWithSharp(bytes: Buffer, width: number, height: number, options: SharpOptions): UprightImage {
  let lenient = false;
  // The lenient retry also lifts libvips' cap on decoder warnings, without which a JPEG with many damaged
  // restart intervals still fails (sharp#3825). It costs CPU on hostile files, never memory: the pixel limit stays.
  const open = () => sharp(bytes, lenient ? { ...options, failOn: 'none', unlimited: true } : { ...options, failOn: 'error' });
  const image: UprightImage = {
    width,
    height,
    async render(use) {
      try {
        return await use(open());
      } catch (error) {
        if (lenient) throw undecodable(error);
        // Truncated or slightly corrupt files still make a useful preview; say so rather than fail.
        lenient = true;
        image.damaged = firstLine(error);
        return use(open()).catch((retryError: unknown) => {
          throw undecodable(retryError);
        });
      }
    },
  };
  return image;
}

async function openWithHeicDecode(bytes: Buffer): Promise<UprightImage> {
  const { width, height, data } = await decodeHeic({ buffer: bytes }).catch((error: unknown) => {
    throw undecodable(error);
  });
  const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return {
    width,
    height,
    render: (use) =>
      use(sharp(raw, { raw: { width, height, channels: 4 } })).catch((error: unknown) => {
        throw undecodable(error);
      }),
  };
}

function undecodable(error: unknown): PhotoError {
  return new PhotoError('undecodable', `the image data could not be decoded: ${firstLine(error)}`);
}

let hevcSupport: Promise<boolean> | undefined;

/** Whether this sharp build decodes HEVC; asked once, of the first HEVC file, and remembered. */
function sharpDecodesHevc(sample: Buffer): Promise<boolean> {
  hevcSupport ??= sharp(sample)
    .resize(8, 8, { fit: 'inside' })
    .raw()
    .toBuffer()
    .then(
      () => true,
      (error: unknown) => (/not been built in|no (matching )?decod/i.test(String(error)) ? false : Promise.reject(error)),
    );
  // A damaged sample proves nothing about the build; ask again next time and let heic-decode try this one.
  return hevcSupport.catch(() => {
    hevcSupport = undefined;
    return false;
  });
}
