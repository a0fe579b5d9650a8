import { connect, type TLSSocket } from 'node:tls';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';

export class CertificatePinError extends Error {
  constructor(readonly presented: string | null) {
    super('The facility server presented a certificate other than the pinned one');
    this.name = 'CertificatePinError';
  }
}

/** The part of a fetch Response core reads from the facility server. */
interface FacilityResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
  /** Streamed body, so a long download writes to disk as it arrives (and a tear keeps what came). */
  readonly body: AsyncIterable<Uint8Array> | null;
}

/** How core talks to the facility server: the global fetch for the loopback demo, pinned TLS otherwise. */
export type FacilityFetch = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array; signal?: AbortSignal },
) => Promise<FacilityResponse>;

/**
 * Facility servers usually carry a certificate from the facility's own
 * (or no) CA, so the device trusts exactly one certificate: the one whose
 * SHA-256 fingerprint the technician entered at provisioning. The TLS
 * handshake runs without CA checks and the connection is used only if the
 * presented leaf certificate matches the pin; anything else fails before a
 * byte of the request is sent.
 */
export function pinnedFetch(fingerprint: string): FacilityFetch {
  const plain = buildConnector({});
  const dispatcher = new Agent({
    connect(options, callback) {
      if (options.protocol !== 'https:') {
        plain(options, callback);
        return;
      }
      const socket: TLSSocket = connect({
        host: options.hostname,
        port: Number(options.port || 443),
        servername: options.servername ?? options.hostname,
        rejectUnauthorized: false,
        ALPNProtocols: ['http/1.1'],
      });
      socket.once('secureConnect', () => {
        const presented = socket.getPeerCertificate().fingerprint256 || null;
        if (presented !== fingerprint) {
          socket.destroy();
          callback(new CertificatePinError(presented), null);
          return;
        }
        callback(null, socket);
      });
      socket.once('error', (error: Error) => callback(error, null));
    },
  });
  return (input, init) => undiciFetch(input, { ...init, dispatcher });
}
