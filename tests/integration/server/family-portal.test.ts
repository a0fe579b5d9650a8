import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import * as zlib from 'node:zlib';
import sharp from 'sharp';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/app';
import { setUpFacility } from '../../support/facility-setup';
import { demoServer, testStore } from '../../support/server-harness';
import { signedInFamily, WebBrowser } from '../../support/web-browser';
import { demoPaymentProvider } from '../../../server/payments/payment-provider';

let server: RunningServer;
beforeAll(async () => {
  server = await demoServer();
});
afterAll(() => server.close());

const tokenOf = (link: string) => /[#?&]token=([^&]+)/.exec(link)?.[1] ?? '';

async function approvedContact(family: WebBrowser, docNumber: string) {
  const contact = await family.request('POST', '/api/family/contacts', { docNumber, relationship: null });
  const admin = new WebBrowser(server.url);
  await admin.request('POST', '/api/staff/signin', {
    email: 'admin@riverside.example',
    password: 'riverside-admin-1',
  });
  expect(
    (await admin.request('POST', `/api/staff/contacts/${String(contact.body.id)}`, { approve: true })).status,
  ).toBe(200);
  return String(contact.body.id);
}

describe('password reset through the portal', () => {
  it('mails a link to the portal reset page; the demo mailbox shows it; the link works once', async () => {
    await signedInFamily(server.url, 'portal.reset@example.com');
    const anon = new WebBrowser(server.url);
    expect(
      (await anon.request('POST', '/api/family/password/forgot', { email: 'portal.reset@example.com' })).body,
    ).toEqual({ ok: true });
    const box = await anon.request('GET', '/api/demo/mail');
    expect(box.status).toBe(200);
    expect(box.body.demo).toBe(true);
    const mail = (box.body.mail as { to: string; subject: string; text: string; link: string }[]).find(
      (m) => m.to === 'portal.reset@example.com',
    );
    expect(mail?.link).toMatch(new RegExp(`^${server.url}/portal/#reset\\?token=[A-Za-z0-9_-]{40,}$`));
    expect(mail?.text).toContain(mail?.link);
    const token = tokenOf(mail?.link ?? '');

    // An old-style link (/family/reset?token=) opens the same page.
    const old = await anon.request('GET', `/family/reset?token=${token}`);
    expect(old.status).toBe(302);
    expect(old.headers.get('location')).toBe(`/portal/#reset?token=${token}`);
    expect((await anon.request('GET', '/family/reset?token=<script>')).status).toBe(400);
    // The page itself is the portal (served for any path under /portal/).
    expect((await fetch(`${server.url}/portal/`)).status).not.toBe(500);

    expect(
      (await anon.request('POST', '/api/family/password/reset', { token, newPassword: 'short' })).body,
    ).toMatchObject({ error: 'weak_password' });
    expect(
      (await anon.request('POST', '/api/family/password/reset', { token, newPassword: 'my new long password' })).status,
    ).toBe(200);
    expect(
      (await anon.request('POST', '/api/family/password/reset', { token, newPassword: 'another long password' })).body,
    ).toMatchObject({ error: 'link_expired' });
    const again = await anon.request('POST', '/api/family/signin', {
      email: 'portal.reset@example.com',
      password: 'my new long password',
    });
    expect(again.status).toBe(200);
  });

  it('the mail folder is written with no SMTP, and the demo mailbox exists only in demo mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-nodemo-'));
    const plain = await startServer({ ...(await testStore(dir)), port: 0, seed: 'none', logLevel: 'silent' });
    try {
      expect((await fetch(`${plain.url}/api/demo/mail`)).status).toBe(404);
    } finally {
      await plain.close();
    }
    const mailDir = join(server.context.mediaDir, '..', 'mail');
    expect(readdirSync(mailDir).some((f) => readFileSync(join(mailDir, f), 'utf8').includes('#reset?token='))).toBe(
      true,
    );
  });
});

describe('SMTP delivery', () => {
  it('sends the reset mail through a real SMTP server, and the demo mailbox is off', async () => {
    const received: { from: string; to: string[]; data: string }[] = [];
    let arrived: () => void = () => undefined;
    const got = new Promise<void>((resolve) => (arrived = resolve));
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
          // The sign-up's confirmation mail, then the reset mail.
          if (received.length === 2) arrived();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-smtp-'));
    const withSmtp = await startServer({
      ...(await testStore(dir)),
      port: 0,
      seed: 'none',
      logLevel: 'silent',
      demoMailbox: true, // asked for, but SMTP wins: the mailbox only ever shows the mail folder
      smtpUrl: `smtp://127.0.0.1:${port}`,
      mailFrom: 'Riverside Portal <no-reply@riverside.example>',
      publicUrl: 'https://portal.riverside.example/',
    });
    try {
      // A server without the demo answers nothing until it is set up (issue #14).
      await setUpFacility(withSmtp.url, (await withSmtp.setupLink()) ?? '');
      const anon = new WebBrowser(withSmtp.url);
      await anon.request('POST', '/api/family/signup', {
        email: 'smtp.user@example.com',
        password: 'correct horse battery',
        displayName: 'Smtp User',
        securityQuestion: 'Favourite colour?',
        securityAnswer: 'Blue',
      });
      expect(
        (await anon.request('POST', '/api/family/password/forgot', { email: 'smtp.user@example.com' })).status,
      ).toBe(200);
      await got;
      const decoded = (data: string) => data.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      const mail = received.find((m) => decoded(m.data).includes('#reset?token='));
      expect(mail?.from).toBe('no-reply@riverside.example');
      expect(mail?.to).toEqual(['smtp.user@example.com']);
      // Quoted-printable may wrap long lines: undo soft breaks before looking for the link.
      const body = decoded(mail?.data ?? '');
      const link = /https:\/\/portal\.riverside\.example\/portal\/#reset\?token=[A-Za-z0-9_-]+/.exec(body)?.[0];
      expect(link).toBeDefined();
      // The token in the mail resets the password.
      expect(
        (
          await anon.request('POST', '/api/family/password/reset', {
            token: tokenOf(link ?? ''),
            newPassword: 'mailed new password',
          })
        ).status,
      ).toBe(200);
      // With SMTP there is no demo mailbox and no mail folder.
      expect((await fetch(`${withSmtp.url}/api/demo/mail`)).status).toBe(404);
      expect(readdirSync(dir)).not.toContain('mail');
    } finally {
      await withSmtp.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});

/** A PNG claiming `width`×`height` pixels with almost no data: a decompression bomb. */
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

describe('sign out everywhere', () => {
  it('ends every session of the account, on every browser, and only that account', async () => {
    const email = 'everywhere@example.com';
    const phone = await signedInFamily(server.url, email);
    const laptop = new WebBrowser(server.url);
    laptop.cookies = new Map(phone.cookies); // same remembered browser token: no security question
    laptop.cookies.delete('ok_session');
    laptop.cookies.delete('ok_csrf');
    expect(
      (await laptop.request('POST', '/api/family/signin', { email, password: 'correct horse battery' })).body,
    ).toMatchObject({ status: 'signed-in' });
    const other = await signedInFamily(server.url, 'bystander@example.com');
    expect((await laptop.request('GET', '/api/family/me')).status).toBe(200);
    expect((await phone.request('POST', '/api/family/signout-everywhere', {})).status).toBe(200);
    expect((await phone.request('GET', '/api/family/me')).status).toBe(401);
    expect((await laptop.request('GET', '/api/family/me')).status).toBe(401);
    expect((await other.request('GET', '/api/family/me')).status).toBe(200);
  });
});

describe('deposit history', () => {
  it('lists deposits made now, scheduled ones and scheduled runs, with fees; never another family’s', async () => {
    const { runDueDeposits } = await import('../../../server/domain/ledger/scheduled-deposits');
    const family = await signedInFamily(server.url, 'history@example.com');
    const contactId = await approvedContact(family, '100240');
    const now = await family.request('POST', '/api/family/deposits', {
      contactId,
      amountCents: 5000,
      recurrence: 'once',
      startAt: null,
      paymentToken: 'demo-card',
    });
    expect(now.body).toMatchObject({ scheduled: false });
    const startAt = Date.now() + 3 * 86_400_000;
    const later = await family.request('POST', '/api/family/deposits', {
      contactId,
      amountCents: 2500,
      recurrence: 'once',
      startAt,
      paymentToken: 'demo-card',
    });
    expect(later.body).toMatchObject({ scheduled: true });
    expect(
      (
        await family.request('POST', '/api/family/deposits', {
          contactId,
          amountCents: 2500,
          recurrence: 'once',
          startAt: Date.now() + 400 * 86_400_000,
          paymentToken: 'demo-card',
        })
      ).body,
    ).toMatchObject({ error: 'start_too_far' });

    const history = await family.request('GET', '/api/family/deposits');
    expect(history.body).toEqual([
      {
        id: later.body.receiptId,
        name: 'Andre Davis',
        amountCents: 2500,
        feeCents: 295,
        status: 'scheduled',
        recurrence: 'once',
        at: startAt,
      },
      {
        id: now.body.receiptId,
        name: 'Andre Davis',
        amountCents: 5000,
        feeCents: 295,
        status: 'completed',
        recurrence: null,
        at: expect.any(Number) as number,
      },
    ]);

    await server.db
      .updateTable('scheduled_deposits')
      .set({ next_at: Date.now() - 1 })
      .where('id', '=', String(later.body.receiptId))
      .execute();
    await runDueDeposits(server.context, demoPaymentProvider);
    const after = (await family.request('GET', '/api/family/deposits')).body as {
      status: string;
      amountCents: number;
    }[];
    expect(after.map((d) => [d.status, d.amountCents])).toEqual([
      ['completed', 2500],
      ['completed', 5000],
    ]);
    const stranger = await signedInFamily(server.url, 'stranger@example.com');
    expect((await stranger.request('GET', '/api/family/deposits')).body).toEqual([]);
    expect((await new WebBrowser(server.url).request('GET', '/api/family/deposits')).status).toBe(401);
  });
});

describe('support', () => {
  it('tells families where to get help, signed in or not', async () => {
    const response = await new WebBrowser(server.url).request('GET', '/api/family/support');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ facilities: expect.arrayContaining([expect.any(String)]) as unknown });
  });
});
