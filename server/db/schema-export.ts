/** An export asked for (migration 0009_export): the audit record and the state of its build. */
export interface ExportJobsTable {
  id: string;
  facility_id: string;
  kind: 'facility' | 'inmate' | 'family';
  subject_id: string;
  /** Who asked: a staff member, the family account or inmate whose data it is, the release, or the server's CLI. */
  requested_by_kind: 'staff' | 'family' | 'inmate' | 'release' | 'cli';
  requested_by: string | null;
  /** A released inmate's export handed to this family account (a contact the person named). */
  recipient_family_id: string | null;
  /** requested: asked at a kiosk, not yet claimed by a server process. */
  status: 'requested' | 'building' | 'ready' | 'failed';
  progress_done: number;
  progress_total: number;
  /** The finished file's name in the exports folder. */
  file: string | null;
  bytes: number | null;
  sha256: string | null;
  problem: string | null;
  /** SHA-256 of a download link's token given by staff (the token itself is shown once). */
  download_token_hash: string | null;
  download_expires_at: number | null;
  created_at: number;
  finished_at: number | null;
}
