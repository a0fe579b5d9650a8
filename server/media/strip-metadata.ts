/**
 * Photos from families lose everything but their pixels before anyone sees
 * them: JPEG APPn (EXIF with GPS, camera serials, thumbnails) and COM
 * segments, PNG ancillary chunks (tEXt, iTXt, zTXt, eXIf, tIME…). Returns null
 * for anything that is not a well-formed JPEG or PNG.
 */
export function stripImageMetadata(bytes: Uint8Array): { bytes: Uint8Array; mime: 'image/jpeg' | 'image/png' } | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const out = stripJpeg(bytes);
    return out ? { bytes: out, mime: 'image/jpeg' } : null;
  }
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    const out = stripPng(bytes);
    return out ? { bytes: out, mime: 'image/png' } : null;
  }
  return null;
}

function stripJpeg(bytes: Uint8Array): Uint8Array | null {
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return null;
    const marker = bytes[pos + 1] ?? 0;
    if (marker === 0xda) {
      // Start of scan: the rest is image data up to EOI.
      parts.push(bytes.subarray(pos));
      return concat(parts);
    }
    const length = ((bytes[pos + 2] ?? 0) << 8) | (bytes[pos + 3] ?? 0);
    if (length < 2 || pos + 2 + length > bytes.length) return null;
    const isMetadata = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe; // APP1–APP15, COM (APP0/JFIF kept)
    if (!isMetadata) parts.push(bytes.subarray(pos, pos + 2 + length));
    pos += 2 + length;
  }
  return null;
}

const criticalPng = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS']);

function stripPng(bytes: Uint8Array): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let pos = 8;
  while (pos + 12 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    const end = pos + 12 + length;
    if (end > bytes.length) return null;
    if (criticalPng.has(type)) parts.push(bytes.subarray(pos, end));
    pos = end;
    if (type === 'IEND') return concat(parts);
  }
  return null;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
