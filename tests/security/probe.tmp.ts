import { startServer } from '../../server/app';
const s = await startServer({ dbPath: '/tmp/secs/db/f.db', port: 0, seed: 'demo', logLevel: 'silent', schedulerMs: 0 });
const r = async (path: string, init?: RequestInit) => {
  const res = await fetch(s.url + path, init);
  return `${path} ${res.status} ${(await res.text()).slice(0, 150)}`;
};
console.log(await r('/portal/%25'));
console.log(await r('/api/family/me', { headers: { cookie: 'ok_session=%E0%A4%A; x=%' } }));
const deep = '['.repeat(1518) + ']'.repeat(1518);
console.log(
  await r('/api/family/signin', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"email":"a@b.c","password":${deep}}`,
  }),
);
console.log(
  await r('/api/family/signin', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"email":"a@b.c","password":"\\ud800"}',
  }),
);
console.log(
  await r('/api/family/signin', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: Buffer.from([0x7b, 0xff, 0x7d]),
  }),
);
await s.close();
