import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { syncPaths, type SignalMessage } from '../../shared/sync/protocol';
import type { ChangeNotice } from '../domain/changes';
import type { ServerContext } from '../domain/context';
import { allowedInmateIds, authenticateDevice, type Device } from '../domain/devices/devices';

interface Listener {
  socket: WebSocket;
  device: Device;
  inmates: Set<string>;
  alive: boolean;
}

/**
 * The change signal: a WebSocket per online device, told "something new up
 * to seq N" whenever a change in its scope commits, so an approved message
 * reaches an online device within a second instead of at its next poll. It
 * carries no data; the device pulls through the normal, authorized path.
 */
export class ChangeSignal {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  private readonly listeners = new Set<Listener>();
  /** Devices revoked in the last minute: one that was mid-handshake when it happened is turned away too. */
  private readonly revoked = new Set<string>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly revocationCheck: NodeJS.Timeout;

  /**
   * `revocationCheckMs`: how often the connected devices are looked up for a
   * revocation made by another server process (on PostgreSQL one also comes
   * at once by NOTIFY, server/sync/change-feed.ts).
   */
  constructor(
    private readonly ctx: ServerContext,
    server: Server,
    revocationCheckMs = 5_000,
  ) {
    server.on('upgrade', (request, socket, head) => void this.upgrade(request, socket, head));
    ctx.bus.on('changed', (notice) => void this.broadcast(notice));
    ctx.bus.on('revoked', (deviceId) => this.disconnect(deviceId));
    this.heartbeat = setInterval(() => this.ping(), 30_000);
    this.heartbeat.unref();
    this.revocationCheck = setInterval(() => void this.dropRevoked().catch(() => undefined), revocationCheckMs);
    this.revocationCheck.unref();
  }

  /** Closes the connections of devices revoked by any process (their every request is already a 401). */
  private async dropRevoked(): Promise<void> {
    const ids = [...new Set([...this.listeners].map((listener) => listener.device.id))];
    if (ids.length === 0) return;
    const revoked = await this.ctx.db
      .selectFrom('devices')
      .select('id')
      .where('id', 'in', ids)
      .where('revoked_at', 'is not', null)
      .execute();
    for (const { id } of revoked) this.disconnect(id);
  }

  get connections(): number {
    return this.listeners.size;
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if ((request.url ?? '').split('?')[0] !== syncPaths.signal) {
      socket.destroy();
      return;
    }
    let device: Device;
    try {
      device = await authenticateDevice(this.ctx, request.headers.authorization);
    } catch {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    const inmates = new Set(await allowedInmateIds(this.ctx, device));
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      if (this.revoked.has(device.id)) {
        ws.close(4401, 'device revoked');
        return;
      }
      const listener: Listener = { socket: ws, device, inmates, alive: true };
      this.listeners.add(listener);
      ws.on('pong', () => (listener.alive = true));
      ws.on('close', () => this.listeners.delete(listener));
      ws.on('error', () => ws.terminate());
      // Ignore anything a device sends; the channel is one-way.
      ws.on('message', () => undefined);
    });
  }

  /** Ends every open signal connection of a revoked device (4401: the credential is no longer accepted). */
  private disconnect(deviceId: string): void {
    this.revoked.add(deviceId);
    setTimeout(() => this.revoked.delete(deviceId), 60_000).unref();
    for (const listener of this.listeners) {
      if (listener.device.id !== deviceId) continue;
      listener.socket.close(4401, 'device revoked');
      this.listeners.delete(listener);
    }
  }

  private inScope(listener: Listener, notice: ChangeNotice): boolean {
    const device = listener.device;
    if (notice.facilityId !== device.facility_id) return false;
    if (notice.inmateId) return listener.inmates.has(notice.inmateId);
    return notice.unitId === null || device.unit_id === null || notice.unitId === device.unit_id;
  }

  private async broadcast(notice: ChangeNotice): Promise<void> {
    // A new inmate in a unit: refresh who each kiosk of that unit may hear about.
    if (notice.inmateId) {
      for (const listener of this.listeners) {
        if (
          listener.device.mode === 'kiosk' &&
          !listener.inmates.has(notice.inmateId) &&
          listener.device.unit_id === notice.unitId
        ) {
          listener.inmates = new Set(await allowedInmateIds(this.ctx, listener.device));
        }
      }
    }
    const message: SignalMessage = { type: 'changed', seq: notice.seq };
    const text = JSON.stringify(message);
    for (const listener of this.listeners) {
      if (this.inScope(listener, notice)) listener.socket.send(text);
    }
  }

  private ping(): void {
    for (const listener of this.listeners) {
      if (!listener.alive) {
        listener.socket.terminate();
        this.listeners.delete(listener);
        continue;
      }
      listener.alive = false;
      listener.socket.ping();
    }
  }

  close(): void {
    clearInterval(this.heartbeat);
    clearInterval(this.revocationCheck);
    for (const listener of this.listeners) listener.socket.close(1001, 'server shutting down');
    this.listeners.clear();
    this.wss.close();
  }
}
