/**
 * Upright WebP renditions of a photo for the grid (thumbnail) and the detail view (preview). Outputs carry
 * no metadata at all: sharp drops EXIF, XMP and ICC (after converting to sRGB) unless asked to keep them,
 * and a shared preview must never leak the GPS position of the original.
 */
import type { Sharp } from 'sharp';
import { type DecodeOptions, openUpright } from './decode';
import { PhotoError } from './errors';

export const THUMBNAIL_SIZE = 320;
export const PREVIEW_SIZE = 1600;

export interface Previews {
  /** WebP that fits in THUMBNAIL_SIZE x THUMBNAIL_SIZE. */
  thumbnail: Buffer;
  /** WebP that fits in PREVIEW_SIZE x PREVIEW_SIZE; never larger than the original. */
  preview: Buffer;
  /** The original's size as displayed (after orientation). */
  width: number;
  height: number;
  /** Set when the pixel data was damaged and the previews may show a partial image. */
  warning?: string;
}

/**
 * `mime` is only the uploader's claim and is quoted in errors; the bytes decide how to decode, since
 * extensions lie (e.g. JPEGs saved as .heic).
 */
export async function makePreviews(bytes: Buffer, mime: string, options: DecodeOptions = {}): Promise<Previews> {
  try {
    return await render(bytes, options);
  } catch (error) {
    throw error instanceof PhotoError ? new PhotoError(error.reason, `${error.message} (uploaded as ${mime})`) : error;
  }
}

async function render(bytes: Buffer, options: DecodeOptions): Promise<Previews> {
  const image = await openUpright(bytes, options);
  const webp = (size: number, quality: number) =>
    image.render((pipeline: Sharp) =>
      pipeline.resize(size, size, { fit: 'inside', withoutEnlargement: true }).webp({ quality }).toBuffer(),
    );
  const preview = await webp(PREVIEW_SIZE, 82);
  const thumbnail = await webp(THUMBNAIL_SIZE, 75);
  const { width, height, damaged } = image;
  return { thumbnail, preview, width, height, ...(damaged ? { warning: `damaged image data: ${damaged}` } : {}) };
}
