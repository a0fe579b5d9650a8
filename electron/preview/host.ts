import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { uuidv7 } from 'uuidv7';
import { VIDEOGRAM_MAX_BYTES } from '../../shared/domain/limits';
import { contentRange, parseRange } from '../../shared/http/range';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { KioskBackend } from '../host/api/backend';
import { bridgeCall } from '../host/api/bridge';
import { buildCsp, securityHeaders } from '../host/lockdown/csp';
import { resolveStaticPath } from '../host/lockdown/static-path';
import { servedMediaStream } from '../host/media/served-media';
import type { KioskResult } from '../../shared/kiosk-api/errors';
import { kioskHttpPaths } from '../../shared/kiosk-api/http-paths';
import { JSON_LIMITS, jsonTextDepth } from '../../shared/domain/bounded-json';
import { cookie, PAGE_COOKIE, requestUrl, statusFor } from './http-helpers';
import { contentTypeOf } from '../../shared/http/content-types';
import { videoContainer } from '../../shared/media/video-container';

export interface PreviewHostOptions {
  backend: KioskBackend;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** Largest accepted call body. Recorded videograms travel as media uploads, not calls. */
  maxBodyBytes?: number;
  /** Where recorded videograms are written for core to pick up (core's `incoming` folder). */
  uploadDir?: string;
  /** How long a page may be without its event socket (a reconnect) before its sessions are ended. */
  pageGoneGraceMs?: number;
}

export interface PreviewHost {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer and the kiosk API over HTTP (calls) and WebSocket
 * (events) on 127.0.0.1 only. Dev and test only; never packaged. It accepts
 * only requests addressed to its own host and origin, so a web page in another
 * tab cannot drive the kiosk API (DNS rebinding, CSRF).
 */
export async function startPreviewHost(options: PreviewHostOptions): Promise<PreviewHost> {
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const pageGoneGraceMs = options.pageGoneGraceMs ?? 2_000;
  let origin = '';
  let csp = '';

  /*
   * Which renderer connections belong to which page load. The renderer picks a
   * connection id per page load and sends it with each call; media elements
   * (<img>, <video>) cannot send headers, and a page that crashes or reloads
   * says nothing. So each load of the app shell gets an HttpOnly page cookie:
   * calls tie their connection to it, /media/<token> requests are resolved for
   * the page's connection (media tokens are bound to it), and when the page's
   * event socket closes for good (reload, crash, tab closed) core ends the
   * sessions of its connections, like Electron main does after a renderer crash.
   * One kiosk screen per browser profile: a second tab gets a new page cookie.
   */
  const pageConnections = new Map<string, string[]>();
  const pageSockets = new Map<string, Set<WebSocket>>();
  const rememberConnection = (page: string | null, connectionId: string) => {
    if (!page) return;
    const list = pageConnections.get(page) ?? [];
    if (list.at(-1) === connectionId) return;
    pageConnections.set(page, [...list.filter((id) => id !== connectionId), connectionId].slice(-8));
  };
  const pageGone = (page: string) => {
    if ((pageSockets.get(page)?.size ?? 0) > 0) return;
    pageSockets.delete(page);
    for (const connectionId of pageConnections.get(page) ?? []) options.backend.endConnection(connectionId);
    pageConnections.delete(page);
  };

  const sendJson = (res: ServerResponse, status: number, body: KioskResult) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...securityHeaders(csp) });
    res.end(JSON.stringify(body));
  };
  const fail = (
    res: ServerResponse,
    status: number,
    code: 'validation' | 'forbidden' | 'not_found' | 'limit' | 'internal',
    message: string,
  ) => sendJson(res, status, { ok: false, error: { code, message } });

  const isOwnHost = (req: IncomingMessage) => {
    const host = req.headers.host;
    return host === new URL(origin).host || host === `localhost:${new URL(origin).port}`;
  };

  const handleCall = (req: IncomingMessage, res: ServerResponse, name: string) => {
    const requestOrigin = req.headers.origin;
    if (
      requestOrigin !== undefined &&
      requestOrigin !== origin &&
      requestOrigin !== origin.replace('127.0.0.1', 'localhost')
    ) {
      fail(res, 403, 'forbidden', 'Cross-origin calls are not allowed');
      return;
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      fail(res, 415, 'validation', 'Calls must be sent as application/json');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) {
        if (!tooLarge) {
          tooLarge = true;
          chunks.length = 0;
          res.setHeader('Connection', 'close');
          fail(res, 413, 'validation', `Request body over ${maxBody} bytes`);
        }
        return; // the rest is read and dropped; the connection closes after the answer
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return;
      let input: unknown;
      try {
        const text = Buffer.concat(chunks).toString('utf8') || 'null';
        // The same nesting limit as the facility server (shared/domain/bounded-json.ts).
        if (jsonTextDepth(text, JSON_LIMITS.bodyDepth) > JSON_LIMITS.bodyDepth) {
          fail(res, 400, 'validation', `JSON nested deeper than ${JSON_LIMITS.bodyDepth} levels`);
          return;
        }
        input = JSON.parse(text);
      } catch {
        fail(res, 400, 'validation', 'Request body is not valid JSON');
        return;
      }
      const connectionId = String(req.headers['x-kiosk-connection'] ?? 'preview').slice(0, 64);
      rememberConnection(cookie(req, PAGE_COOKIE), connectionId);
      void bridgeCall(options.backend, name, input, connectionId).then((result) =>
        sendJson(res, result.ok ? 200 : (statusFor[result.error.code] ?? 500), result),
      );
    });
  };

  const sameOrigin = (req: IncomingMessage) => {
    const requestOrigin = req.headers.origin;
    return (
      requestOrigin === undefined ||
      requestOrigin === origin ||
      requestOrigin === origin.replace('127.0.0.1', 'localhost')
    );
  };

  /**
   * A recorded videogram: raw bytes streamed to core's incoming folder; the call that sends it names the upload.
   * Written to `<id>.part` and renamed only when complete and plausible, so a refused, torn or oversized
   * upload leaves nothing behind, and every refusal is a typed error.
   */
  const handleUpload = (req: IncomingMessage, res: ServerResponse) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    if (!sameOrigin(req)) return fail(res, 403, 'forbidden', 'Cross-origin uploads are not allowed');
    const uploadDir = options.uploadDir;
    if (!uploadDir) return fail(res, 404, 'not_found', 'Uploads are not enabled');
    if (type !== 'video/webm' && type !== 'video/mp4')
      return fail(res, 415, 'validation', 'Only video/webm or video/mp4');
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > VIDEOGRAM_MAX_BYTES) {
      res.setHeader('Connection', 'close');
      return fail(res, 413, 'limit', 'The recording is too large');
    }
    mkdirSync(uploadDir, { recursive: true });
    const uploadId = uuidv7();
    const part = join(uploadDir, `${uploadId}.part`);
    const out = createWriteStream(part, { flags: 'wx', mode: 0o600 });
    let size = 0;
    let head = Buffer.alloc(0);
    let done = false;
    /** Closes and removes the partial file, then answers: when the refusal arrives, nothing is on disk. */
    const refuse = (status: number, code: 'validation' | 'limit' | 'internal', message: string) => {
      if (done) return;
      done = true;
      const answer = () => {
        rmSync(part, { force: true });
        if (res.headersSent || res.destroyed) return;
        res.setHeader('Connection', 'close');
        fail(res, status, code, message);
      };
      if (out.closed) answer();
      else {
        out.once('close', answer);
        out.destroy();
      }
    };
    out.on('error', () => refuse(500, 'internal', 'The recording could not be stored'));
    req.on('aborted', () => refuse(400, 'validation', 'The upload was interrupted'));
    req.on('error', () => refuse(400, 'validation', 'The upload was interrupted'));
    req.on('data', (chunk: Buffer) => {
      if (done) return; // the rest is read and dropped; the connection closes after the answer
      size += chunk.length;
      if (size > VIDEOGRAM_MAX_BYTES) return refuse(413, 'limit', 'The recording is too large');
      if (head.length < 12) head = Buffer.concat([head, chunk.subarray(0, 12)]);
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    });
    req.on('end', () => {
      if (done) return;
      if (size === 0) return refuse(400, 'validation', 'The recording is empty');
      if (videoContainer(head) === null) return refuse(415, 'validation', 'The recording is not a WebM or MP4 video');
      out.end(() => {
        if (done) return;
        done = true;
        renameSync(part, join(uploadDir, uploadId));
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Cache-Control': 'no-store',
          ...securityHeaders(csp),
        });
        res.end(JSON.stringify({ uploadId }));
      });
    });
  };

  /** `/media/<token>`: the verified file core resolves the token to, with Range for video seeking. */
  const handleMedia = async (req: IncomingMessage, res: ServerResponse, token: string) => {
    // A media element sends no headers: the page cookie names its connection. Node clients may name it.
    const header = req.headers['x-kiosk-connection'];
    const connectionId =
      typeof header === 'string'
        ? header.slice(0, 64)
        : (pageConnections.get(cookie(req, PAGE_COOKIE) ?? '')?.at(-1) ?? '');
    const media = connectionId ? await options.backend.resolveMedia(token, connectionId) : null;
    if (!media) {
      // Unknown, expired, someone else's, or not downloadable now: the same answer for all.
      fail(res, 404, 'not_found', 'No such media');
      return;
    }
    const range = parseRange(req.headers.range, media.size);
    const headers = {
      'Content-Type': media.mime,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'private, no-store',
      ...securityHeaders(csp),
    };
    if (range.kind === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${media.size}` }).end();
    } else if (range.kind === 'partial') {
      res.writeHead(206, {
        ...headers,
        'Content-Range': contentRange(range, media.size),
        'Content-Length': range.end - range.start + 1,
      });
      // pipeline, not pipe: a blob failing its check mid-way must cut the response off, not leave it hanging.
      pipeline(servedMediaStream(media, range), res, () => undefined);
    } else {
      res.writeHead(200, { ...headers, 'Content-Length': media.size });
      if (media.size === 0) res.end();
      else pipeline(servedMediaStream(media, { start: 0, end: media.size - 1 }), res, () => undefined);
    }
  };

  const handleStatic = (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, securityHeaders(csp)).end();
      return;
    }
    let file = pathname === '/' ? null : resolveStaticPath(options.rendererDir, pathname);
    // Client-side routes fall back to the app shell; asset misses stay 404.
    if (!file && !pathname.startsWith('/assets/')) file = resolveStaticPath(options.rendererDir, 'index.html');
    if (!file || !statSync(file).isFile()) {
      res.writeHead(404, securityHeaders(csp)).end();
      return;
    }
    const isAsset = pathname.startsWith('/assets/');
    const isShell = extname(file) === '.html';
    res.writeHead(200, {
      'Content-Type': contentTypeOf(extname(file)),
      'Cache-Control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
      // Each load of the app shell is a page of its own (see pageConnections).
      ...(isShell
        ? { 'Set-Cookie': `${PAGE_COOKIE}=${randomBytes(18).toString('base64url')}; Path=/; HttpOnly; SameSite=Strict` }
        : {}),
      ...securityHeaders(csp),
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };

  const server = createServer((req, res) => {
    if (!isOwnHost(req)) {
      res.writeHead(421).end();
      return;
    }
    const url = requestUrl(req.url, origin);
    if (!url) return fail(res, 400, 'validation', 'Malformed request path');
    const callMatch = /^\/api\/call\/([\w.]{1,64})$/.exec(url.pathname);
    const mediaMatch = /^\/media\/([\w-]{10,64})$/.exec(url.pathname);
    if (url.pathname.startsWith('/media/') && !mediaMatch) return fail(res, 404, 'not_found', 'No such media');
    if (callMatch?.[1] && req.method === 'POST') handleCall(req, res, callMatch[1]);
    else if (url.pathname === kioskHttpPaths.upload && req.method === 'POST') handleUpload(req, res);
    else if (mediaMatch?.[1] && (req.method === 'GET' || req.method === 'HEAD'))
      void handleMedia(req, res, mediaMatch[1]);
    else if (url.pathname.startsWith('/api/')) fail(res, 404, 'not_found', 'No such endpoint');
    else handleStatic(req, res, url.pathname);
  });

  /** Each events socket and the renderer connection it belongs to (`?connection=` on the URL; null if none given). */
  const sockets = new Map<WebSocket, string | null>();
  let closing = false;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req, socket, head) => {
    // A reset or broken upgrade socket must not take the host down.
    socket.on('error', () => socket.destroy());
    const requestOrigin = req.headers.origin;
    const ownOrigins = [origin, origin.replace('127.0.0.1', 'localhost')];
    const url = requestUrl(req.url, origin);
    if (
      !url ||
      !isOwnHost(req) ||
      url.pathname !== kioskHttpPaths.events ||
      (requestOrigin !== undefined && !ownOrigins.includes(requestOrigin))
    ) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const page = cookie(req, PAGE_COOKIE);
    const connectionId = url.searchParams.get('connection')?.slice(0, 64) || null;
    wss.handleUpgrade(req, socket, head, (ws) => {
      // A frame over maxPayload (4 KB) or a malformed one: ws closes the socket (1009/1002) and reports an
      // error here; without a listener that error was thrown and killed the host.
      ws.on('error', () => ws.terminate());
      sockets.set(ws, connectionId);
      if (page) pageSockets.set(page, (pageSockets.get(page) ?? new Set()).add(ws));
      ws.send(JSON.stringify({ type: 'connection', state: 'connected' }));
      ws.on('close', () => {
        sockets.delete(ws);
        if (!page) return;
        pageSockets.get(page)?.delete(ws);
        // A socket that reconnects within the grace keeps the page's sessions.
        if (closing) pageGone(page);
        else setTimeout(() => pageGone(page), pageGoneGraceMs).unref();
      });
      // Events flow one way; anything the page sends on this socket is ignored.
    });
  });
  /** To every socket, or (a session's events) only to the sockets of that one connection. */
  const broadcast = (message: unknown, connectionId?: string) => {
    const text = JSON.stringify(message);
    for (const [ws, owner] of sockets) {
      if (connectionId !== undefined && owner !== connectionId) continue;
      if (ws.readyState === ws.OPEN) ws.send(text);
    }
  };
  const offEvent = options.backend.onEvent((name, payload, connectionId) =>
    broadcast({ type: 'event', name, payload }, connectionId),
  );
  const offConnection = options.backend.onConnection((state) => broadcast({ type: 'connection', state }));

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  csp = buildCsp({ connectSrc: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] });

  return {
    url: origin,
    async close() {
      closing = true;
      offEvent();
      offConnection();
      for (const ws of sockets.keys()) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
