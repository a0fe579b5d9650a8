import semver from 'semver';
import { z } from 'zod';
import { verifyManifestSignature } from './update-signature';

/**
 * What the release key signs (scripts/release-key.mjs sign): the version, every installer's file name
 * and SHA-512 (base64, as electron-builder writes it in latest*.yml), and a minimum version. The device
 * takes electron-updater's own feed only where it agrees with this statement, so a forged version
 * number around an old signed build, or an old signed statement served again, installs nothing.
 */
export const ReleaseStatement = z
  .object({
    version: z.string().refine((v) => semver.valid(v) === v, 'not a semantic version'),
    /**
     * The lowest version a device that has seen this statement may ever be offered again: a floor
     * raised past a release with a hole in it, so its signed statement can never be replayed.
     */
    minimumVersion: z.string().refine((v) => semver.valid(v) === v, 'not a semantic version'),
    files: z
      .array(z.object({ url: z.string().min(1).max(200), sha512: z.string().regex(/^[A-Za-z0-9+/]{86}==$/) }))
      .min(1)
      .max(20),
  })
  .strict()
  .refine((s) => semver.lte(s.minimumVersion, s.version), 'minimum above the version');
export type ReleaseStatement = z.infer<typeof ReleaseStatement>;

/** Bigger than any real statement; a server sending more is not read. */
const RELEASE_STATEMENT_MAX_BYTES = 16 * 1024;

/** The statement, if its bytes carry a valid release-key signature and parse; else null. */
export function readSignedRelease(
  bytes: Buffer,
  signatureBase64: string,
  publicKeyPem: string,
): ReleaseStatement | null {
  if (bytes.length > RELEASE_STATEMENT_MAX_BYTES) return null;
  if (!verifyManifestSignature(bytes, signatureBase64, publicKeyPem)) return null;
  try {
    const parsed = ReleaseStatement.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What electron-updater's own (unsigned) feed offers: its latest*.yml. */
export interface OfferedUpdate {
  readonly version: string;
  readonly files: readonly { readonly url: string; readonly sha512: string }[];
}

export type UpdateDecision =
  | { install: true; floor: string }
  | {
      install: false;
      reason: 'not_newer' | 'below_floor' | 'version_mismatch' | 'file_not_signed' | 'failed_here_before';
    };

/**
 * Whether to download what the feed offers. The device refuses any version not greater than the one
 * running (a rollback is only ever the device's own, after a failed update: update-policy.ts), any
 * version under the highest minimum it has seen (`floor`), a feed whose version is not the signed one,
 * and any installer whose name and hash the statement does not both carry. On yes, the new floor to
 * remember is returned.
 */
export function decideUpdate(input: {
  statement: ReleaseStatement;
  offered: OfferedUpdate;
  running: string;
  floor: string | null;
  rejectedVersions: readonly string[];
}): UpdateDecision {
  const { statement, offered, running } = input;
  const floor = input.floor && semver.valid(input.floor) ? input.floor : '0.0.0';
  if (offered.version !== statement.version) return { install: false, reason: 'version_mismatch' };
  if (!semver.valid(running) || !semver.gt(statement.version, running)) return { install: false, reason: 'not_newer' };
  if (semver.lt(statement.version, floor)) return { install: false, reason: 'below_floor' };
  if (input.rejectedVersions.includes(statement.version)) return { install: false, reason: 'failed_here_before' };
  const signed = new Set(statement.files.map((file) => `${file.url}\n${file.sha512}`));
  if (offered.files.length === 0 || !offered.files.every((file) => signed.has(`${file.url}\n${file.sha512}`)))
    return { install: false, reason: 'file_not_signed' };
  return { install: true, floor: semver.gt(statement.minimumVersion, floor) ? statement.minimumVersion : floor };
}

/**
 * The pinned certificate fingerprint as the device stores it (Node's `fingerprint256`, colon-separated
 * hex) in the form Electron's certificate verifier reports (`sha256/<base64>`), so the updater's
 * requests go to the enrolled server's certificate and no other.
 */
export function electronFingerprint(fingerprint256: string): string | null {
  const hex = fingerprint256.replace(/:/g, '');
  if (!/^[0-9A-Fa-f]{64}$/.test(hex)) return null;
  return `sha256/${Buffer.from(hex, 'hex').toString('base64')}`;
}
