/**
 * The 500 simulated devices of the server load bench, in a process of their
 * own so that their JSON parsing does not share an event loop with the server
 * being measured. Started by server-load.ts with fork(); it receives the
 * devices, pulls from each one's cursor in a loop until the deadline, and
 * sends back every latency and the error count.
 */
import { Agent, fetch as undiciFetch } from 'undici';
import { z } from 'zod';
import { PullResponse } from '../../../shared/sync/protocol';

const Job = z.object({
  /** Device i talks to urls[i % urls.length] (one server process, or several behind a balancer). */
  urls: z.array(z.string()).min(1),
  seconds: z.number().positive().max(120),
  devices: z.array(z.object({ auth: z.string(), cursor: z.number().int().nonnegative() })),
});

process.once('message', (message: unknown) => {
  void (async () => {
    const job = Job.parse(message);
    const dispatcher = new Agent({ connections: job.devices.length, pipelining: 1 });
    const latencies: number[] = [];
    const failures: string[] = [];
    let errors = 0;
    const end = performance.now() + job.seconds * 1000;
    await Promise.all(
      job.devices.map(async (device, index) => {
        const url = job.urls[index % job.urls.length] ?? '';
        while (performance.now() < end) {
          const started = performance.now();
          try {
            const response = await undiciFetch(`${url}/api/sync/pull?cursor=${device.cursor}&limit=1000`, {
              headers: { authorization: device.auth },
              dispatcher,
            });
            if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
            device.cursor = PullResponse.parse(await response.json()).cursor;
            latencies.push(performance.now() - started);
          } catch (error) {
            if (failures.length < 5) failures.push(error instanceof Error ? error.message : String(error));
            errors += 1;
          }
        }
      }),
    );
    await dispatcher.close();
    process.send?.({ latencies, errors, failures }, () => process.exit(0));
  })();
});
