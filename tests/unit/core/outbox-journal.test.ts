import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { SealedBox } from '../../../electron/core/db/sealed-box';
import { OutboxJournal, type JournalItem } from '../../../electron/core/sync/outbox-journal';

function setup() {
  const file = join(mkdtempSync(join(tmpdir(), 'kiosk-outbox-journal-')), 'outbox.journal');
  const box = new SealedBox(randomBytes(32), 'outbox journal');
  return { file, box, journal: new OutboxJournal(file, box) };
}

const item = (body: string): JournalItem => ({
  id: uuidv7(),
  inmateId: uuidv7(),
  op: { kind: 'message.send', contactId: uuidv7(), replyTo: null, body },
  createdAt: Date.now(),
});

describe('outbox journal', () => {
  it('keeps an item appended after a line torn by a power cut', () => {
    const { file, journal } = setup();
    const first = item('first');
    journal.append(first);
    // The power went while the second line was being written: half of it, no newline.
    const whole = readFileSync(file, 'utf8');
    appendFileSync(file, whole.slice(0, Math.floor(whole.length / 2)));
    const third = item('typed after the restart');
    journal.append(third);
    expect(journal.read()).toEqual([first, third]);
  });

  it('skips lines that are sealed but not an item, or not sealed at all', () => {
    const { file, box, journal } = setup();
    const kept = item('kept');
    writeFileSync(file, `${box.seal('not json')}\n${box.seal(JSON.stringify({ id: 1 }))}\ngarbage\n`);
    journal.append(kept);
    expect(journal.read()).toEqual([kept]);
  });

  it('compacts to exactly the items given', () => {
    const { journal } = setup();
    const [a, b, c] = [item('a'), item('b'), item('c')];
    for (const x of [a, b, c]) journal.append(x);
    journal.compact([b]);
    expect(journal.read()).toEqual([b]);
  });
});
