import { readdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import * as zlib from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { demoServer } from '../../support/server-harness';
import { approvedContact as approvedContactAt, signedInFamily, type WebBrowser } from '../../support/web-browser';

/** Photos a family sends are re-encoded: no metadata, upright, bounded; what is not a photo is refused. */
let server: RunningServer;
beforeAll(async () => {
  server = await demoServer();
});
afterAll(() => server.close());

const approvedContact = (family: WebBrowser, docNumber: string) => approvedContactAt(server.url, family, docNumber);

function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1000))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

describe('family photos are re-encoded', () => {
  let family: WebBrowser;
  let contactId: string;
  beforeAll(async () => {
    family = await signedInFamily(server.url, 'photos@example.com');
    contactId = await approvedContact(family, '100235');
  });
  const send = (photos: { base64: string; alt: string }[]) =>
    family.request('POST', '/api/family/messages', { contactId, body: 'photo test', photos, ecard: null });
  const storedPhotos = async (id: unknown) => {
    const row = await server.db
      .selectFrom('messages')
      .select('photos')
      .where('id', '=', String(id))
      .executeTakeFirstOrThrow();
    return Promise.all(
      (JSON.parse(row.photos) as { sha256: string; mime: string }[]).map(async (p) => ({
        ...p,
        bytes: await server.media.readAll(p.sha256),
      })),
    );
  };

  it('a JPEG with GPS EXIF and orientation 6 is stored upright with no EXIF; PNG text chunks go; big ones shrink', async () => {
    const red = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    // Stored sideways: red on the left, blue on the right; orientation 6 says "turn 90° clockwise to view".
    const jpeg = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#0000ff' } })
      .composite([{ input: red, left: 0, top: 0 }])
      .jpeg()
      .withExif({
        IFD0: { Make: 'SpyCam', Model: 'Serial 12345' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 26/1 4632/100', GPSLongitudeRef: 'W' },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const before = await sharp(jpeg).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif).toBeDefined();
    expect(jpeg.includes(Buffer.from('SpyCam'))).toBe(true);

    const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#00ff00' } })
      .png()
      .withMetadata()
      .withExif({ IFD0: { Copyright: 'Home address 12 Elm St' } })
      .toBuffer();
    const big = await sharp({ create: { width: 3000, height: 1200, channels: 3, background: '#888888' } })
      .jpeg()
      .toBuffer();

    const sent = await send([
      { base64: jpeg.toString('base64'), alt: 'sideways' },
      { base64: png.toString('base64'), alt: 'png' },
      { base64: big.toString('base64'), alt: 'big' },
    ]);
    expect(sent.status).toBe(200);
    const [upright, cleanPng, small] = await storedPhotos(sent.body.id);

    expect(upright?.mime).toBe('image/jpeg');
    const meta = await sharp(upright?.bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([100, 200]);
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(upright?.bytes.includes(Buffer.from('SpyCam'))).toBe(false);
    expect(upright?.bytes.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    const { data, info } = await sharp(upright?.bytes).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    expect(pixel(50, 20)[0]).toBeGreaterThan(200); // red on top
    expect(pixel(50, 180)[2]).toBeGreaterThan(200); // blue below

    expect(cleanPng?.mime).toBe('image/png');
    expect((await sharp(cleanPng?.bytes).metadata()).exif).toBeUndefined();
    expect(cleanPng?.bytes.includes(Buffer.from('Elm St'))).toBe(false);

    const smallMeta = await sharp(small?.bytes).metadata();
    expect([smallMeta.width, smallMeta.height]).toEqual([2048, 819]);
  });

  it('refuses a non-image named .jpg, a broken JPEG, too many photos, too many bytes and too many pixels: 400, nothing written', async () => {
    const good = (
      await sharp({ create: { width: 20, height: 20, channels: 3, background: '#123456' } })
        .jpeg()
        .toBuffer()
    ).toString('base64');
    const messagesBefore = (await server.db.selectFrom('messages').select('id').execute()).length;
    const filesBefore = countFiles(server.context.mediaDir);
    const truncated = Buffer.from(good, 'base64').subarray(0, 200);
    const cases: [string, { base64: string; alt: string }[]][] = [
      [
        'not_a_photo',
        [
          { base64: good, alt: 'ok' },
          { base64: Buffer.from('hello, not a photo').toString('base64'), alt: 'x.jpg' },
        ],
      ],
      ['not_a_photo', [{ base64: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).toString('base64'), alt: 'x.jpg' }]],
      [
        'not_a_photo',
        [
          { base64: good, alt: 'ok' },
          { base64: truncated.toString('base64'), alt: 'cut.jpg' },
        ],
      ],
      ['too_many_photos', Array.from({ length: 6 }, () => ({ base64: good, alt: 'one of six' }))],
      [
        'photo_too_large',
        [
          { base64: good, alt: 'ok' },
          { base64: Buffer.alloc(5 * 1024 * 1024 + 1, 0xff).toString('base64'), alt: 'huge' },
        ],
      ],
      ['photo_too_large', [{ base64: pngClaiming(30_000, 30_000).toString('base64'), alt: 'bomb' }]],
    ];
    for (const [error, photos] of cases) {
      const response = await send(photos);
      expect({ status: response.status, error: response.body.error }, error).toEqual({ status: 400, error });
      expect(String(response.body.message)).not.toBe('');
    }
    expect((await server.db.selectFrom('messages').select('id').execute()).length).toBe(messagesBefore);
    expect(countFiles(server.context.mediaDir)).toBe(filesBefore);
    // Five is the demo facility's limit, and fine.
    expect((await send(Array.from({ length: 5 }, () => ({ base64: good, alt: 'one of five' })))).status).toBe(200);
  });
});
