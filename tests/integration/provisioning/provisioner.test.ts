import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Provisioner } from '../../../electron/core/provisioning/provisioner';
import { selfSignedCertificate } from '../../support/self-signed';

/**
 * The provisioner against real sockets: a TLS server with a self-signed
 * certificate (pinning), and plain HTTP answers a facility server could give.
 * (Enrollment against the real reference server is in tests/integration/sync.)
 */
const tls = selfSignedCertificate();
const facilityId = uuidv7();
const unitId = uuidv7();
let requests: { url: string; body: string }[] = [];

function facility(req: IncomingMessage, res: ServerResponse) {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    requests.push({ url: req.url ?? '', body });
    res.setHeader('content-type', 'application/json');
    if (req.url === '/api/health') {
      res.end(JSON.stringify({ serverTime: Date.now(), facilityName: 'Pinned Facility' }));
    } else if (req.url === '/api/devices/enroll') {
      const code = (JSON.parse(body) as { code: string }).code;
      if (code === 'USED-CODE-1') {
        res.statusCode = 410;
        res.end(JSON.stringify({ error: 'code_used', message: 'This code was already used' }));
      } else {
        res.end(
          JSON.stringify({
            deviceId: uuidv7(),
            secret: 's'.repeat(43),
            facilityId,
            facilityName: 'Pinned Facility',
            mode: 'kiosk',
            unitId,
            inmateId: null,
          }),
        );
      }
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
}

const https = createHttpsServer({ key: tls.key, cert: tls.cert }, facility);
const html = createHttpServer((_req, res) => res.end('<html>router login</html>'));
let httpsUrl = '';
let htmlUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
  httpsUrl = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;
  htmlUrl = `http://127.0.0.1:${(html.address() as AddressInfo).port}`;
});
afterAll(() => {
  https.close();
  html.close();
});

const provisioner = new Provisioner({ timeoutMs: 3_000 });

describe('Provisioner.check', () => {
  it('connects when the certificate matches the pin (typed in plain lower-case hex)', async () => {
    const startedAt = performance.now();
    const result = await provisioner.check({
      serverAddress: httpsUrl,
      fingerprint: tls.fingerprint256.replace(/:/g, '').toLowerCase(),
    });
    const elapsedMs = performance.now() - startedAt;
    expect(result).toMatchObject({
      ok: true,
      value: { facilityName: 'Pinned Facility', fingerprint: tls.fingerprint256 },
    });
    // The latency shown to the technician is the round trip measured inside the call: never more than the call took.
    if (result.ok) expect(result.value.latencyMs).toBeLessThanOrEqual(Math.ceil(elapsedMs));
  });

  it('refuses a server whose certificate is not the pinned one, before sending anything', async () => {
    requests = [];
    const wrong = tls.fingerprint256.replace(/^../, tls.fingerprint256.startsWith('00') ? '11' : '00');
    const result = await provisioner.check({ serverAddress: httpsUrl, fingerprint: wrong });
    expect(result).toMatchObject({ ok: false, problem: 'fingerprint_mismatch', detail: tls.fingerprint256 });
    expect(requests).toEqual([]);
  });

  it('asks for a fingerprint for https, and says when it is malformed', async () => {
    expect(await provisioner.check({ serverAddress: httpsUrl, fingerprint: ' ' })).toEqual({
      ok: false,
      problem: 'fingerprint_required',
    });
    expect(await provisioner.check({ serverAddress: httpsUrl, fingerprint: 'AB:CD' })).toEqual({
      ok: false,
      problem: 'fingerprint_invalid',
    });
  });

  it('tells an unreachable server from one that is not a facility server', async () => {
    const closed = createHttpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    expect(await provisioner.check({ serverAddress: `http://127.0.0.1:${port}`, fingerprint: '' })).toMatchObject({
      ok: false,
      problem: 'unreachable',
    });
    expect(await provisioner.check({ serverAddress: htmlUrl, fingerprint: '' })).toMatchObject({
      ok: false,
      problem: 'not_a_facility_server',
    });
  });

  it('refuses plain http to anything but this machine', async () => {
    expect(await provisioner.check({ serverAddress: 'http://facility.example', fingerprint: '' })).toEqual({
      ok: false,
      problem: 'https_required',
    });
  });
});

describe('Provisioner.enroll', () => {
  const base = {
    fingerprint: '',
    mode: 'kiosk' as const,
    unitId,
    inmateId: null,
    label: 'Kiosk 1',
    appVersion: '0.1.0',
  };

  it('enrolls over the pinned connection and returns the credential with the server it belongs to', async () => {
    const result = await provisioner.enroll({
      ...base,
      serverAddress: httpsUrl,
      fingerprint: tls.fingerprint256,
      code: 'GOOD-CODE-1',
    });
    expect(result).toMatchObject({
      ok: true,
      value: { facilityId, serverUrl: httpsUrl, fingerprint: tls.fingerprint256 },
    });
  });

  it("turns the server's refusal into a problem the screen can name", async () => {
    const result = await provisioner.enroll({
      ...base,
      serverAddress: httpsUrl,
      fingerprint: tls.fingerprint256,
      code: 'USED-CODE-1',
    });
    expect(result).toEqual({ ok: false, problem: 'code_used' });
  });

  it('needs a unit for a kiosk and an inmate for a tablet before asking the server', async () => {
    requests = [];
    expect(
      await provisioner.enroll({
        ...base,
        unitId: null,
        serverAddress: httpsUrl,
        fingerprint: tls.fingerprint256,
        code: 'X-CODE-1',
      }),
    ).toEqual({ ok: false, problem: 'unit_required' });
    expect(
      await provisioner.enroll({
        ...base,
        mode: 'tablet',
        serverAddress: httpsUrl,
        fingerprint: tls.fingerprint256,
        code: 'X-CODE-1',
      }),
    ).toEqual({ ok: false, problem: 'inmate_required' });
    expect(requests).toEqual([]);
  });
});
