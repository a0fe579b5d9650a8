/**
 * The embedded demo facility for `npm start` and `npm run preview`: the
 * reference server on 127.0.0.1 with the demo seed, plus a fresh one-time
 * enrollment code so the device enrolls itself on first start.
 */
export interface DemoFacility {
  url: string;
  enrollmentCode?: string;
  close(): Promise<void>;
}

export function startDemoFacility(options: { dataDir: string; port: number }): Promise<DemoFacility> {
  return Promise.reject(new Error(`the reference facility server is not available yet (${options.dataDir})`));
}
