import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../electron/core/db/migrations';

describe('device migrations', () => {
  it('are numbered 1, 2, 3, … with no gap', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_m, i) => i + 1));
  });

  it('4 keeps the reply drafts of a device at version 3 and lets a draft name a contact instead', () => {
    const db = new Database(':memory:');
    // A device that shipped with version 3: a reply draft in it.
    expect(
      migrate(
        db,
        migrations.filter((m) => m.version <= 3),
      ),
    ).toBe(3);
    db.prepare('INSERT INTO drafts (id, inmate_id, reply_to, body, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      'd1',
      'i1',
      'm1',
      'Half a thought',
      1,
    );
    const upToFour = migrations.filter((m) => m.version <= 4);
    expect(migrate(db, upToFour)).toBe(4);
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.prepare('SELECT reply_to, contact_id, body FROM drafts WHERE id = ?').get('d1')).toEqual({
      reply_to: 'm1',
      contact_id: null,
      body: 'Half a thought',
    });
    db.prepare(
      'INSERT INTO drafts (id, inmate_id, reply_to, contact_id, body, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run('d2', 'i1', null, 'c1', 'Dear Ana', 2);
    expect(db.prepare('SELECT contact_id FROM drafts WHERE id = ?').get('d2')).toEqual({ contact_id: 'c1' });
    // Running again changes nothing.
    expect(migrate(db, upToFour)).toBe(4);
    db.close();
  });
});
