import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CacheStore } from '../../../electron/core/cache/cache-store';
import { migrate } from '../../../electron/core/db/migrations';
import type { RunningServer } from '../../../server/app';
import { PullResponse } from '../../../shared/sync/protocol';
import { demoServer, enroll, type TestDevice } from '../../support/server-harness';
import {
  expectSameAsFreshDevice,
  inmateScope,
  serverWrite,
  type InmateScope,
  type ServerWrite,
} from '../../support/sync-convergence';
import { propertyOptions } from '../../support/test-seed';

/**
 * Random server writes interleaved with random partial pulls (any page size,
 * stopping anywhere): a device that applies what it pulled, page by page,
 * always ends with exactly the rows a fresh device pulls. (Pushes are in
 * tests/integration/core/sync-push-property.test.ts.)
 */
let server: RunningServer;
let device: TestDevice;
let scope: InmateScope;

beforeAll(async () => {
  server = await demoServer();
  device = await enroll(server, { unitIndex: 0 });
  scope = await inmateScope(server, '100235');
});
afterAll(() => server.close());

type Step = ServerWrite | { kind: 'pull'; pageSize: number; pages: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom<Step>({ kind: 'announce' }, { kind: 'withdraw' }, { kind: 'deposit' }, { kind: 'family' }),
  fc.record({ kind: fc.constant('review' as const), approve: fc.boolean() }),
  fc.record({
    kind: fc.constant('pull' as const),
    pageSize: fc.integer({ min: 1, max: 50 }),
    pages: fc.integer({ min: 1, max: 3 }),
  }),
);

describe('sync convergence (property)', () => {
  it('a device applying random partial pulls between random writes ends equal to a fresh pull', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const db = new Database(':memory:');
        migrate(db);
        const cache = new CacheStore(db);
        let cursor = 0;
        const announcements: string[] = [];
        const pull = async (pageSize: number, pages: number) => {
          for (let p = 0; p < pages; p += 1) {
            const response = await fetch(`${server.url}/api/sync/pull?cursor=${cursor}&limit=${pageSize}`, {
              headers: { authorization: device.auth },
            });
            const page = PullResponse.parse(await response.json());
            db.transaction(() => page.changes.forEach((c) => cache.apply(c)))();
            cursor = page.cursor;
            if (!page.hasMore) return;
          }
        };
        for (const s of steps) {
          if (s.kind === 'pull') await pull(s.pageSize, s.pages);
          else await serverWrite(server, scope, s, announcements);
        }
        await pull(1000, 1_000);
        await expectSameAsFreshDevice(server, db);
        db.close();
      }),
      propertyOptions('sync property', 15),
    );
  }, 300_000);
});
