/**
 * Photo bytes to the small upright RGB frame the models see. Decoding goes through the photo module's
 * openUpright, so EXIF rotation, HEIC fallback, pixel limits and damaged-JPEG retries match the previews.
 */
import { openUpright } from '../photo/decode';
import { PhotoError } from '../photo/errors';
import { VisionError } from './errors';

/**
 * Longest side handed to the models. blazeface (256 px) and centernet (512 px) resize internally anyway, so
 * more pixels only cost decode time and memory.
 */
export const ANALYSIS_SIZE = 640;

export interface RgbFrame {
  /** Interleaved 8-bit RGB, `width * height * 3` bytes. */
  pixels: Uint8Array;
  width: number;
  height: number;
  /** The photo's size as displayed (after EXIF orientation), before downscaling. */
  uprightWidth: number;
  uprightHeight: number;
}

export async function decodeRgb(bytes: Buffer): Promise<RgbFrame> {
  try {
    const image = await openUpright(bytes);
    const { data, info } = await image.render((pipeline) =>
      pipeline
        .resize(ANALYSIS_SIZE, ANALYSIS_SIZE, { fit: 'inside', withoutEnlargement: true })
        // Greyscale, CMYK, alpha and 16-bit sources all become the 3 x 8-bit channels the models expect.
        .removeAlpha()
        .toColourspace('srgb')
        .raw({ depth: 'uchar' })
        .toBuffer({ resolveWithObject: true }),
    );
    if (info.channels !== 3) throw new VisionError('undecodable', `the image decoded to ${info.channels} channels instead of RGB`);
    return {
      pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
      uprightWidth: image.width || info.width,
      uprightHeight: image.height || info.height,
    };
  } catch (error) {
    if (error instanceof VisionError) throw error;
    // Empty, unknown, too large or corrupt: for vision all mean "these bytes give no picture", a final verdict.
    if (error instanceof PhotoError) throw new VisionError('undecodable', error.message);
    throw new VisionError('undecodable', `the image could not be decoded: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}
