/**
 * Turns any supported photo into what tesseract reads best: upright, grey, contrast-stretched, with text at a
 * size its LSTM model was trained on. Decoding goes through the photo module so HEIC, pixel limits and EXIF
 * orientation behave exactly as they do for previews.
 */
import { PhotoError } from '../photo/errors';
import { openUpright } from '../photo/decode';
import { describe, OcrError } from './errors';

/** Longer side cap: an A4 page at ~170 dpi, plenty for body text while bounding tesseract's time and memory. */
export const MAX_SIDE = 2000;
/** Smaller images are enlarged towards this: tesseract misses text whose x-height is under ~10 px. */
export const MIN_SIDE = 1000;
// Beyond this, enlarging only adds blur for tesseract to read as marks (thumbnails, icons).
const MAX_UPSCALE = 4;

/** The image as a binary PGM (P5), ready for tesseract. */
export async function prepareForOcr(bytes: Buffer): Promise<Uint8Array> {
  const image = await openUpright(bytes).catch((error: unknown) => {
    throw asOcrError(error);
  });
  const longer = Math.max(image.width, image.height);
  const target = longer > MAX_SIDE ? MAX_SIDE : longer < MIN_SIDE ? Math.min(MIN_SIDE, longer * MAX_UPSCALE) : longer;
  const { data, info } = await image
    .render((pipeline) =>
      (target === longer ? pipeline : pipeline.resize({ width: target, height: target, fit: 'inside' }))
        // Transparent screenshots often hold black text on transparent black: put them on paper first.
        .flatten({ background: '#ffffff' })
        .grayscale()
        .normalise()
        .raw()
        .toBuffer({ resolveWithObject: true }),
    )
    .catch((error: unknown) => {
      throw asOcrError(error);
    });
  // The photo decoder salvages damaged files for previews; OCR of a half-grey page would store a partial text
  // as if it were the whole, so refuse instead.
  if (image.damaged) throw new OcrError('undecodable', `the image data is damaged: ${image.damaged}`);
  if (info.channels !== 1) throw new OcrError('undecodable', `expected a grey image, got ${info.channels} channels`);
  return pgm(data, info.width, info.height);
}

function asOcrError(error: unknown): OcrError {
  if (error instanceof OcrError) return error;
  // Every photo failure (empty, not an image, too large, corrupt) means the same thing here: nothing to read.
  if (error instanceof PhotoError) return new OcrError('undecodable', error.message);
  return new OcrError('undecodable', `the image could not be decoded: ${describe(error)}`);
}

// tesseract.js looks for an EXIF orientation tag in the first 500 bytes of its input, and pixel bytes could
// spell one by chance; a comment line pushes the pixels past that window. Raw PGM also skips a PNG
// encode here and a decode in the worker.
const PGM_PADDING = `#${' '.repeat(512)}\n`;

function pgm(pixels: Buffer, width: number, height: number): Uint8Array {
  const header = Buffer.from(`P5\n${PGM_PADDING}${width} ${height}\n255\n`, 'latin1');
  return Buffer.concat([header, pixels]);
}
