import { videoContainer } from './video-container';

/**
 * The length of a video, read from the file itself, so a videogram's
 * 3-minute limit does not depend on what a client claims. WebM (what
 * browsers' MediaRecorder writes, often without a Duration element, so the
 * block timestamps are scanned too) and MP4 (mvhd). Returns null for
 * anything it cannot read: the caller rejects it.
 */
export function videoDurationMs(bytes: Uint8Array): number | null {
  const container = videoContainer(bytes);
  if (container === 'video/webm') return webmDurationMs(bytes);
  if (container === 'video/mp4') return mp4DurationMs(bytes);
  return null;
}

const EBML_MASTERS = new Set([
  0x18538067 /* Segment */, 0x1549a966 /* Info */, 0x1f43b675 /* Cluster */, 0xa0 /* BlockGroup */,
]);

function readVint(
  bytes: Uint8Array,
  pos: number,
  keepMarker: boolean,
): { value: number; length: number; unknown: boolean } | null {
  const first = bytes[pos];
  if (first === undefined || first === 0) return null;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length += 1;
  if (length > 8 || pos + length > bytes.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i += 1) {
    const b = bytes[pos + i] ?? 0;
    value = value * 256 + b;
    if (b !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function readUint(bytes: Uint8Array, pos: number, size: number): number {
  let value = 0;
  for (let i = 0; i < size; i += 1) value = value * 256 + (bytes[pos + i] ?? 0);
  return value;
}

function webmDurationMs(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  let timecodeScale = 1_000_000;
  let infoDuration = 0;
  let clusterTime = 0;
  let maxBlockTime = 0;
  let sawSegment = false;
  while (pos < bytes.length) {
    const id = readVint(bytes, pos, true);
    if (!id) break;
    const size = readVint(bytes, pos + id.length, false);
    if (!size) break;
    const dataStart = pos + id.length + size.length;
    if (EBML_MASTERS.has(id.value)) {
      if (id.value === 0x18538067) sawSegment = true;
      pos = dataStart; // descend: children follow (sizes may be unknown in live recordings)
      continue;
    }
    if (size.unknown || dataStart + size.value > bytes.length) break;
    switch (id.value) {
      case 0x2ad7b1: // TimecodeScale
        timecodeScale = readUint(bytes, dataStart, size.value);
        break;
      case 0x4489: // Duration (float)
        infoDuration =
          size.value === 4 ? view.getFloat32(dataStart) : size.value === 8 ? view.getFloat64(dataStart) : 0;
        break;
      case 0xe7: // Cluster Timecode
        clusterTime = readUint(bytes, dataStart, size.value);
        break;
      case 0xa3: // SimpleBlock
      case 0xa1: {
        // Block: track number (vint), then a signed 16-bit timecode relative to the cluster
        const track = readVint(bytes, dataStart, false);
        if (track && dataStart + track.length + 2 <= bytes.length) {
          const relative = view.getInt16(dataStart + track.length);
          maxBlockTime = Math.max(maxBlockTime, clusterTime + relative);
        }
        break;
      }
    }
    pos = dataStart + size.value;
  }
  if (!sawSegment || timecodeScale <= 0) return null;
  const units = Math.max(infoDuration, maxBlockTime);
  if (!Number.isFinite(units) || units <= 0) return null;
  return Math.round((units * timecodeScale) / 1_000_000);
}

function mp4DurationMs(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const walk = (start: number, end: number): number | null => {
    let pos = start;
    while (pos + 8 <= end) {
      let size = view.getUint32(pos);
      const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
      let header = 8;
      if (size === 1) {
        if (pos + 16 > end) return null;
        size = Number(view.getBigUint64(pos + 8));
        header = 16;
      } else if (size === 0) {
        size = end - pos;
      }
      if (size < header || pos + size > end) return null;
      if (type === 'moov') return walk(pos + header, pos + size);
      if (type === 'mvhd') {
        const body = pos + header;
        const version = bytes[body];
        const timescale = version === 1 ? view.getUint32(body + 20) : view.getUint32(body + 12);
        const duration = version === 1 ? Number(view.getBigUint64(body + 24)) : view.getUint32(body + 16);
        return timescale > 0 ? Math.round((duration * 1000) / timescale) : null;
      }
      pos += size;
    }
    return null;
  };
  return walk(0, bytes.length);
}
