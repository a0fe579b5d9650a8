import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import type { ExportJobsTable } from '../../db/schema-export';
import type { MediaStore } from '../../media/media-store';
import type { ServerContext } from '../context';
import { exportFacility } from './facility-export';
import { exportPerson, type PersonSubject } from './person-export';

/** How long a download link staff hand out keeps working. */
const DOWNLOAD_LINK_MS = 7 * 24 * 60 * 60_000;
/** Progress is written to the job's row at most this often. */
const PROGRESS_EVERY_MS = 1_000;

export type ExportRequest =
  { kind: 'facility'; facilityId: string } | ({ kind: 'inmate' | 'family'; facilityId: string } & PersonSubject);

export interface Requester {
  kind: ExportJobsTable['requested_by_kind'];
  id: string | null;
}

/** Where finished exports are kept: beside the media, shared by every server process. */
const exportsDir = (ctx: ServerContext) => join(ctx.mediaDir, 'exports');
export const exportFile = (ctx: ServerContext, jobId: string) => join(exportsDir(ctx), `${jobId}.zip`);
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Exports are built in the background, one job a row (`export_jobs`): the row is the audit
 * record of who asked for whose data, carries the progress a page shows, and says where the
 * finished file is. A job a stopped server left `building` is started again when the next one
 * starts (`resumeExportJobs`): its half-written `.part` file is thrown away and the export built
 * anew from the database as it is then.
 */
export class ExportJobs {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly ctx: ServerContext,
    private readonly media: MediaStore,
  ) {}

  async start(request: ExportRequest, by: Requester, extra: { recipientFamilyId?: string; language?: string } = {}) {
    const id = uuidv7();
    const subjectId =
      request.kind === 'facility' ? request.facilityId : 'inmateId' in request ? request.inmateId : request.familyId;
    await this.ctx.db
      .insertInto('export_jobs')
      .values({
        id,
        facility_id: request.facilityId,
        kind: request.kind,
        subject_id: subjectId,
        requested_by_kind: by.kind,
        requested_by: by.id,
        recipient_family_id: extra.recipientFamilyId ?? null,
        status: 'building',
        progress_done: 0,
        progress_total: 0,
        file: null,
        bytes: null,
        sha256: null,
        problem: null,
        download_token_hash: null,
        download_expires_at: null,
        created_at: this.ctx.now(),
        finished_at: null,
      })
      .execute();
    this.run(id, request, extra.language);
    return id;
  }

  /** Resolves when the job is no longer building here (tests, shutdown). */
  async settled(id: string): Promise<void> {
    await this.running.get(id);
  }

  /** Exports asked for at a kiosk, claimed (one process wins each) and built here. */
  async claimRequested(): Promise<number> {
    const asked = await this.ctx.db.selectFrom('export_jobs').selectAll().where('status', '=', 'requested').execute();
    let claimed = 0;
    for (const job of asked) {
      const won = await this.ctx.db
        .updateTable('export_jobs')
        .set({ status: 'building' })
        .where('id', '=', job.id)
        .where('status', '=', 'requested')
        .executeTakeFirst();
      if (Number(won.numUpdatedRows) !== 1) continue;
      claimed += 1;
      this.run(job.id, { kind: 'inmate', inmateId: job.subject_id, facilityId: job.facility_id });
    }
    return claimed;
  }

  /** Every job left building by a server that stopped, started again. */
  async resume(): Promise<number> {
    const jobs = await this.ctx.db.selectFrom('export_jobs').selectAll().where('status', '=', 'building').execute();
    for (const job of jobs) {
      if (this.running.has(job.id)) continue;
      const request: ExportRequest =
        job.kind === 'facility'
          ? { kind: 'facility', facilityId: job.facility_id }
          : job.kind === 'inmate'
            ? { kind: 'inmate', inmateId: job.subject_id, facilityId: job.facility_id }
            : { kind: 'family', familyId: job.subject_id, facilityId: job.facility_id };
      this.run(job.id, request);
    }
    return jobs.length;
  }

  private run(id: string, request: ExportRequest, language?: string): void {
    mkdirSync(exportsDir(this.ctx), { recursive: true });
    const file = exportFile(this.ctx, id);
    let lastWrite = 0;
    const onProgress = (progress: { done: number; total: number }) => {
      const now = Date.now();
      if (now - lastWrite < PROGRESS_EVERY_MS && progress.done < progress.total) return;
      lastWrite = now;
      void this.ctx.db
        .updateTable('export_jobs')
        .set({ progress_done: progress.done, progress_total: progress.total })
        .where('id', '=', id)
        .execute()
        .catch(() => undefined);
    };
    const now = this.ctx.now();
    const build =
      request.kind === 'facility'
        ? exportFacility(this.ctx.db, this.media, request.facilityId, file, { now, onProgress })
        : exportPerson(this.ctx.db, this.media, request, file, { now, ...(language ? { language } : {}) });
    const done = build.then(
      async (result) => {
        await this.ctx.db
          .updateTable('export_jobs')
          .set({
            status: 'ready',
            file: `${id}.zip`,
            bytes: result.bytes,
            sha256: result.sha256,
            finished_at: this.ctx.now(),
          })
          .where('id', '=', id)
          .execute();
      },
      async (error: unknown) => {
        rmSync(file, { force: true });
        await this.ctx.db
          .updateTable('export_jobs')
          .set({
            status: 'failed',
            problem: error instanceof Error ? error.message.slice(0, 500) : 'failed',
            finished_at: this.ctx.now(),
          })
          .where('id', '=', id)
          .execute();
      },
    );
    // A server closing under a job leaves it `building`: the next start builds it again.
    this.running.set(
      id,
      done.catch(() => undefined).finally(() => this.running.delete(id)),
    );
  }

  /** A one-time-shown download link's token for a finished export (staff hand it to a released person). */
  async downloadLink(id: string): Promise<{ token: string; expiresAt: number }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.ctx.now() + DOWNLOAD_LINK_MS;
    await this.ctx.db
      .updateTable('export_jobs')
      .set({ download_token_hash: hashToken(token), download_expires_at: expiresAt })
      .where('id', '=', id)
      .execute();
    return { token, expiresAt };
  }

  /** The finished job a download link opens, if it is still good. */
  async byToken(token: string) {
    return this.ctx.db
      .selectFrom('export_jobs')
      .selectAll()
      .where('download_token_hash', '=', hashToken(token))
      .where('download_expires_at', '>', this.ctx.now())
      .where('status', '=', 'ready')
      .executeTakeFirst();
  }
}
