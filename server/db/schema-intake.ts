/** The roster's and content intake's tables (migration 0010): release cards and music uploads. */

/** The card a released person leaves with, and what was moved onto it; families of that person can see it. */
interface ReleaseCardsTable {
  id: string;
  facility_id: string;
  inmate_id: string;
  amount_cents: number;
  last_four: string;
  issued_by: string;
  issued_at: number;
}

/** A music file staff uploaded, with what its tags and frames said, until it goes into an album. */
interface IntakeUploadsTable {
  facility_id: string;
  sha256: string;
  mime: string;
  bytes: number;
  /** JSON { title, artist, album, track } as read from the file's tags. */
  tags: string;
  duration_ms: number;
  uploaded_by: string;
  created_at: number;
}

export interface IntakeTables {
  release_cards: ReleaseCardsTable;
  intake_uploads: IntakeUploadsTable;
}
