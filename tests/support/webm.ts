/**
 * Minimal WebM files for duration tests: an EBML header and a Segment whose
 * Info carries a Duration (or, like MediaRecorder output, only clusters with
 * block timestamps).
 */
function element(id: number[], data: Uint8Array): Uint8Array {
  const size = data.length;
  // 8-byte size vint: 0x01 followed by 7 bytes.
  const sizeBytes = [0x01, 0, 0, 0, (size >>> 24) & 0xff, (size >>> 16) & 0xff, (size >>> 8) & 0xff, size & 0xff];
  return Uint8Array.from([...id, ...sizeBytes, ...data]);
}

const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

function float64(value: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, value);
  return bytes;
}

const ebmlHeader = element([0x1a, 0x45, 0xdf, 0xa3], element([0x42, 0x82], new TextEncoder().encode('webm')));

/** A WebM whose Info says it lasts `durationMs` (TimecodeScale 1 ms). */
export function webmWithDuration(durationMs: number): Uint8Array {
  const info = element(
    [0x15, 0x49, 0xa9, 0x66],
    concat(
      element([0x2a, 0xd7, 0xb1], Uint8Array.from([0x0f, 0x42, 0x40])),
      element([0x44, 0x89], float64(durationMs)),
    ),
  );
  return concat(ebmlHeader, element([0x18, 0x53, 0x80, 0x67], info));
}

/** A WebM without Duration whose last block is at `lastBlockMs` (how MediaRecorder writes them). */
export function webmWithBlocksUntil(lastBlockMs: number): Uint8Array {
  const clusterTime = Math.max(0, lastBlockMs - 1000);
  const relative = lastBlockMs - clusterTime;
  const block = element([0xa3], Uint8Array.from([0x81, (relative >> 8) & 0xff, relative & 0xff, 0x80, 0, 0, 0]));
  const timecode = element(
    [0xe7],
    Uint8Array.from([
      (clusterTime >>> 24) & 0xff,
      (clusterTime >>> 16) & 0xff,
      (clusterTime >>> 8) & 0xff,
      clusterTime & 0xff,
    ]),
  );
  const cluster = element([0x1f, 0x43, 0xb6, 0x75], concat(timecode, block));
  const info = element([0x15, 0x49, 0xa9, 0x66], element([0x2a, 0xd7, 0xb1], Uint8Array.from([0x0f, 0x42, 0x40])));
  return concat(ebmlHeader, element([0x18, 0x53, 0x80, 0x67], concat(info, cluster)));
}
