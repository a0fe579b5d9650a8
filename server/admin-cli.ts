import { dirname, join } from 'node:path';
import { ChangeBus } from './domain/changes';
import type { ServerContext } from './domain/context';
import { hostResetLink } from './domain/facility/staff-accounts';
import { staffLinkUrl } from './domain/facility/staff-links';
import { openServerDatabase } from './db/database';
import { HttpError } from './http/http-error';

const usage = 'Usage: npm run server -- [--db FILE | --database-url URL] admin reset-password EMAIL\n';

/**
 * Commands run on the server host (`npm run server -- admin …`): what no
 * request over the network may do. Returns the process exit code.
 */
export async function runAdminCommand(
  args: readonly string[],
  options: { target: string; baseUrl: string },
): Promise<number> {
  const [area, command, email] = args;
  if (area !== 'admin' || command !== 'reset-password' || !email || args.length !== 3) {
    process.stderr.write(usage);
    return 2;
  }
  const database = await openServerDatabase(options.target);
  const isFile = database.kind === 'sqlite';
  const ctx: ServerContext = {
    db: database.db,
    bus: new ChangeBus(),
    now: Date.now,
    mediaDir: isFile ? join(dirname(options.target), 'media') : '',
  };
  try {
    const token = await hostResetLink(ctx, email);
    process.stdout.write(
      `One-time link for ${email.trim().toLowerCase()} to choose a new password (valid 1 hour):\n` +
        `${staffLinkUrl(options.baseUrl.replace(/\/+$/, ''), 'reset', token)}\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  } finally {
    await database.close();
  }
}
