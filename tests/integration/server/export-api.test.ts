import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { DownloadLink, ExportJobList, StartedExport } from '../../../shared/export/api';
import { demoFamilies, demoInmates, demoStaff } from '../../../server/demo/demo-people';
import { demoServer } from '../../support/server-harness';
import { WebBrowser as Browser } from '../../support/web-browser';

/**
 * The export routes: who may ask for what, the audit list, downloads that resume with Range,
 * the export built at release and handed over by a link, and nobody else's export to download.
 */
let server: RunningServer;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function staff(role: 'admin' | 'reviewer') {
  const who = demoStaff.find((s) => s.role === role);
  if (!who) throw new Error(role);
  const browser = new Browser(server.url);
  expect(
    (await browser.request('POST', '/api/staff/signin', { email: who.email, password: who.password })).status,
  ).toBe(200);
  return browser;
}

async function family(index: number) {
  const who = demoFamilies[index];
  if (!who) throw new Error('no demo family');
  const browser = new Browser(server.url);
  const first = await browser.request('POST', '/api/family/signin', { email: who.email, password: who.password });
  if (first.body.status === 'security-question')
    await browser.request('POST', '/api/family/signin/answer', {
      challengeId: first.body.challengeId,
      answer: who.answer,
    });
  return browser;
}

async function finished(browser: Browser, path: string, id: string) {
  await server.exports.settled(id);
  const { jobs } = ExportJobList.parse((await browser.request('GET', path)).body);
  const job = jobs.find((j) => j.id === id);
  expect(job?.status).toBe('ready');
  return job;
}

beforeAll(async () => {
  server = await demoServer();
});
afterAll(() => server?.close());

describe('exports over HTTP', () => {
  it('a family downloads its own export, and resumes a cut download with Range', async () => {
    const maria = await family(0);
    const started = await maria.request('POST', '/api/family/exports', { language: 'es' });
    expect(started.status).toBe(200);
    const id = StartedExport.parse(started.body).id;
    const job = await finished(maria, '/api/family/exports', id);
    const whole = new Uint8Array(await (await maria.raw(`/api/family/exports/${id}/file`)).arrayBuffer());
    expect(whole.length).toBe(job?.bytes);
    expect(sha(whole)).toBe(job?.sha256);
    const cut = Math.floor(whole.length / 3);
    const rest = await maria.raw(`/api/family/exports/${id}/file`, { range: `bytes=${cut}-` });
    expect(rest.status).toBe(206);
    const joined = new Uint8Array([...whole.subarray(0, cut), ...new Uint8Array(await rest.arrayBuffer())]);
    expect(sha(joined)).toBe(job?.sha256);
    // Another family cannot fetch it.
    const linda = await family(2);
    expect((await linda.raw(`/api/family/exports/${id}/file`)).status).toBe(404);
  });

  it('only an admin exports the facility, and every export is on the audit list', async () => {
    const reviewer = await staff('reviewer');
    expect((await reviewer.request('POST', '/api/staff/exports/facility', {})).status).toBe(403);
    expect((await reviewer.request('GET', '/api/staff/exports')).status).toBe(403);
    const admin = await staff('admin');
    const started = await admin.request('POST', '/api/staff/exports/facility', {});
    const id = StartedExport.parse(started.body).id;
    const job = await finished(admin, '/api/staff/exports', id);
    expect(job).toMatchObject({
      kind: 'facility',
      requestedByKind: 'staff',
      subjectName: 'Riverside Correctional Facility',
    });
    const file = await admin.raw(`/api/staff/exports/${id}/file`);
    expect(sha(new Uint8Array(await file.arrayBuffer()))).toBe(job?.sha256);
    const { jobs } = ExportJobList.parse((await admin.request('GET', '/api/staff/exports')).body);
    expect(jobs.map((j) => j.kind)).toEqual(expect.arrayContaining(['facility', 'family']));
  });

  it('builds a released person’s export at release; staff hand it over by a link that needs no account', async () => {
    const admin = await staff('admin');
    const inmate = demoInmates[5];
    if (!inmate) throw new Error('no inmate');
    const { id: inmateId } = await server.db
      .selectFrom('inmates')
      .select('id')
      .where('doc_number', '=', inmate.doc)
      .executeTakeFirstOrThrow();
    const preview = (await admin.request('GET', `/api/staff/inmates/${inmateId}/release`)).body as unknown as {
      balanceCents: number;
    };
    const confirm = { confirmCents: preview.balanceCents };
    expect((await admin.request('POST', `/api/staff/inmates/${inmateId}/release`, confirm)).status).toBe(200);
    const list = async () => ExportJobList.parse((await admin.request('GET', '/api/staff/exports')).body).jobs;
    const job = (await list()).find((j) => j.requestedByKind === 'release');
    if (!job) throw new Error('no export at release');
    expect(job).toMatchObject({ kind: 'inmate', subjectName: `${inmate.first} ${inmate.last}` });
    await finished(admin, '/api/staff/exports', job.id);
    const link = await admin.request('POST', `/api/staff/exports/${job.id}/link`, {});
    const { url } = DownloadLink.parse(link.body);
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    await download.arrayBuffer();
    expect((await fetch(url.replace(/token=.{5}/, 'token=XXXXX'))).status).toBe(404);
  });
});
