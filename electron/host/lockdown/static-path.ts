import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * Maps a request path to a file inside `root`, or null when it would leave it.
 * Used by Electron's protocol.handle and by the preview host's static server.
 * Rejects `..` segments (also percent-encoded, double-encoded or with
 * backslashes), absolute paths, NUL bytes, and symlinks that point outside root.
 */
export function resolveStaticPath(root: string, requestPath: string): string | null {
  let decoded = requestPath;
  // Decode repeatedly so %252e%252e cannot smuggle a '..' past one decode.
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return null;
    }
    if (next === decoded) break;
    decoded = next;
  }
  if (decoded.includes('\0')) return null;
  const normalized = decoded.replace(/\\/g, '/');
  const segments = normalized.split('/').filter((segment) => segment.length > 0 && segment !== '.');
  if (segments.some((segment) => segment === '..' || /^[a-zA-Z]:$/.test(segment))) return null;
  if (/^[a-zA-Z]:/.test(normalized) || normalized.startsWith('//')) return null;

  const rootResolved = resolve(root);
  const candidate = join(rootResolved, ...segments);
  if (!isInside(rootResolved, candidate)) return null;

  // A symlink inside root may still point outside it: compare real paths.
  let realRoot: string;
  let realCandidate: string;
  try {
    realRoot = realpathSync(rootResolved);
    realCandidate = realpathSync(candidate);
  } catch {
    return null; // missing file
  }
  return isInside(realRoot, realCandidate) ? realCandidate : null;
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
