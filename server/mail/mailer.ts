import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';

/** One plain-text email (reset links and the like: nothing the server sends needs HTML). */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The one link the mail is about (also in the text); the demo mailbox shows it as a button. */
  link?: string;
}

/** Where the server's email goes: an SMTP relay in production, a local folder otherwise. */
export interface Mailer {
  /** 'smtp' delivers for real; 'folder' only writes files (the demo mailbox shows them). */
  readonly kind: 'smtp' | 'folder';
  send(mail: Mail): Promise<void>;
  close(): void;
}

/** Mail through an SMTP relay (`smtp://user:pass@host:587`, `smtps://…:465`), from MAIL_FROM. */
class SmtpMailer implements Mailer {
  readonly kind = 'smtp' as const;
  private readonly transport: Transporter;
  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(url);
  }

  async send(mail: Mail): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text });
  }

  close(): void {
    this.transport.close();
  }
}

/** A mail written to the folder: what the demo mailbox lists. */
export const FolderMail = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  link: z.string().optional(),
  sentAt: z.number().int(),
});
export type FolderMail = z.infer<typeof FolderMail>;

/**
 * Without SMTP: each mail is a JSON file in `<db dir>/mail/` (named by a
 * UUIDv7, so the names sort by time). Nothing leaves the machine.
 */
export class FolderMailer implements Mailer {
  readonly kind = 'folder' as const;
  constructor(
    readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  send(mail: Mail): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const id = uuidv7();
    const record: FolderMail = { id, ...mail, sentAt: this.now() };
    writeFileSync(join(this.dir, `${id}.json`), JSON.stringify(record, null, 2), { mode: 0o600 });
    return Promise.resolve();
  }

  /** The newest mail first (at most `limit`); files that are not ours are skipped. */
  list(limit = 50): FolderMail[] {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((name) => name.endsWith('.json'));
    } catch {
      return [];
    }
    const mails: FolderMail[] = [];
    for (const name of names.sort().reverse()) {
      try {
        const parsed = FolderMail.safeParse(JSON.parse(readFileSync(join(this.dir, name), 'utf8')));
        if (parsed.success) mails.push(parsed.data);
      } catch {
        // an unreadable or half-written file is not a mail
      }
      if (mails.length >= limit) break;
    }
    return mails;
  }

  close(): void {}
}

/** SMTP when a URL is configured, else the folder. */
export function createMailer(options: { smtpUrl?: string; mailFrom?: string; mailDir: string }): Mailer {
  if (options.smtpUrl) return new SmtpMailer(options.smtpUrl, options.mailFrom ?? 'Open Kiosk <no-reply@localhost>');
  return new FolderMailer(options.mailDir);
}
