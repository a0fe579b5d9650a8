import { utilityProcess } from 'electron';
import type { CorePort, SpawnCore } from '../host/core-process/supervisor';

/** Starts core as an Electron utilityProcess: plain Node, off the main thread, restartable. */
export function forkUtilityCore(entry: string, onLog: (line: string) => void): SpawnCore {
  return (): CorePort => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'kiosk-core', stdio: 'pipe' });
    child.stderr?.on('data', (chunk: Buffer) => onLog(chunk.toString()));
    return {
      postMessage: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', (code) => listener(code)),
      kill: () => {
        child.kill();
      },
    };
  };
}
