import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const mp3 = readFileSync(join(import.meta.dirname, 'gsutil-test.mp3'));

/** The real MP3's audio frames, after its own ID3v2 tag. */
function audioFrames(): Buffer {
  const size = ((mp3[6] ?? 0) << 21) | ((mp3[7] ?? 0) << 14) | ((mp3[8] ?? 0) << 7) | (mp3[9] ?? 0);
  return mp3.subarray(10 + size);
}

/** An ID3v2.3 text frame (ISO-8859-1). */
function textFrame(id: string, value: string): Buffer {
  const body = Buffer.concat([Buffer.from([0]), Buffer.from(value, 'latin1')]);
  const header = Buffer.alloc(10);
  header.write(id, 0, 'latin1');
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** The real MP3 with an ID3v2.3 tag naming its title, artist, album and track number. */
export function taggedMp3(tags: { title: string; artist: string; album: string; track: number }): Buffer {
  const frames = Buffer.concat([
    textFrame('TIT2', tags.title),
    textFrame('TPE1', tags.artist),
    textFrame('TALB', tags.album),
    textFrame('TRCK', String(tags.track)),
  ]);
  const n = frames.length;
  const header = Buffer.from([
    0x49,
    0x44,
    0x33,
    3,
    0,
    0,
    (n >> 21) & 0x7f,
    (n >> 14) & 0x7f,
    (n >> 7) & 0x7f,
    n & 0x7f,
  ]);
  return Buffer.concat([header, frames, audioFrames()]);
}
