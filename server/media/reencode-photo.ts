import sharp from 'sharp';
import { PHOTO_MAX_BYTES } from '../../shared/domain/limits';

/** The long edge of a stored photo: plenty for a kiosk or tablet screen. */
const PHOTO_MAX_EDGE_PX = 2048;
/** Pixels we agree to decode (a small file can claim a huge canvas: a decompression bomb). */
const PHOTO_MAX_INPUT_PIXELS = 40_000_000;

export type PhotoProblem = 'not_a_photo' | 'photo_too_large';

export class PhotoRejected extends Error {
  constructor(
    readonly problem: PhotoProblem,
    message: string,
  ) {
    super(message);
    this.name = 'PhotoRejected';
  }
}

/** Only JPEG and PNG reach the decoder (libvips reads many formats; we accept two). */
function sniff(bytes: Uint8Array): 'jpeg' | 'png' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length > 8 && png.every((b, i) => bytes[i] === b)) return 'png';
  return null;
}

/**
 * A family photo as we store it: decoded and encoded again, so only its
 * pixels survive (no EXIF with GPS or camera serials, no XMP, no comments,
 * no PNG text chunks, nothing hidden after the image data). It is turned
 * upright by its EXIF orientation first, scaled down to at most
 * {@link PHOTO_MAX_EDGE_PX} on the long edge, and keeps its format.
 * Throws {@link PhotoRejected} for anything that is not a decodable JPEG or
 * PNG, or that is too big in bytes or pixels.
 */
export async function reencodePhoto(bytes: Uint8Array): Promise<{ bytes: Buffer; mime: 'image/jpeg' | 'image/png' }> {
  if (bytes.length > PHOTO_MAX_BYTES)
    throw new PhotoRejected('photo_too_large', `A photo can be at most ${PHOTO_MAX_BYTES / 1024 / 1024} MB.`);
  const format = sniff(bytes);
  if (!format) throw new PhotoRejected('not_a_photo', 'Photos must be JPEG or PNG.');
  const image = sharp(bytes, { limitInputPixels: PHOTO_MAX_INPUT_PIXELS, failOn: 'error', sequentialRead: true })
    .rotate()
    .resize({ width: PHOTO_MAX_EDGE_PX, height: PHOTO_MAX_EDGE_PX, fit: 'inside', withoutEnlargement: true });
  try {
    const out =
      format === 'jpeg'
        ? await image.jpeg({ quality: 85, chromaSubsampling: '4:2:0' }).toBuffer()
        : await image.png({ compressionLevel: 8 }).toBuffer();
    return { bytes: out, mime: format === 'jpeg' ? 'image/jpeg' : 'image/png' };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message))
      throw new PhotoRejected('photo_too_large', 'This photo has too many pixels.');
    throw new PhotoRejected('not_a_photo', 'This photo could not be read. Photos must be JPEG or PNG.');
  }
}
