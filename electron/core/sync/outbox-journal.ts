import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { OutboxOp } from '../../../shared/sync/protocol';
import type { SealedBox } from '../db/sealed-box';
import { z } from 'zod';

const JournalItem = z.object({ id: z.string(), inmateId: z.string(), op: OutboxOp, createdAt: z.number().int() });
export type JournalItem = z.infer<typeof JournalItem>;

/**
 * A second, append-only copy of every outbox item, one sealed line each,
 * fsynced before the database transaction that queues it. If the database
 * file is ever found corrupt, the cache is rebuilt from the server and these
 * items are queued again: the server's idempotency keys make a replay of
 * something already delivered harmless, so nothing typed is lost and
 * nothing is sent twice. Compacted to the unsent items after each push.
 */
export class OutboxJournal {
  constructor(
    private readonly file: string,
    private readonly box: SealedBox,
  ) {}

  append(item: JournalItem): void {
    const fd = openSync(this.file, 'a+');
    try {
      // A power cut can leave the last line torn (no newline): start on a fresh line, or this item
      // would be glued to the torn one and skipped with it on replay.
      writeSync(fd, `${endsTorn(fd) ? '\n' : ''}${this.box.seal(JSON.stringify(item))}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Every readable item; a line torn by a power cut is skipped. */
  read(): JournalItem[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8')
      .split('\n')
      .flatMap((line) => {
        const text = line ? this.box.open(line) : null;
        const parsed = text ? JournalItem.safeParse(parseJson(text)) : null;
        return parsed?.success ? [parsed.data] : [];
      });
  }

  /** Rewrites the journal to exactly these items (atomically: temp file + rename). */
  compact(items: readonly JournalItem[]): void {
    const temp = `${this.file}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      for (const item of items) writeSync(fd, `${this.box.seal(JSON.stringify(item))}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.file);
  }
}

/** True when the file is not empty and its last byte is not a newline. */
function endsTorn(fd: number): boolean {
  const { size } = fstatSync(fd);
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
