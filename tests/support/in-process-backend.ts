import type { Core } from '../../electron/core/core';
import type { KioskBackend } from '../../electron/host/api/backend';

/** Core running in the test's own process behind the same backend interface the bridges use. */
export function inProcessBackend(core: Core): KioskBackend {
  return {
    invoke: (name, input, connectionId) => core.dispatcher.dispatch(name, input, { connectionId }),
    onEvent(listener) {
      core.events.on('event', listener);
      return () => core.events.off('event', listener);
    },
    onConnection: () => () => undefined,
    resolveMedia: (token, connectionId) => core.resolveMedia(token, connectionId),
    endConnection: (connectionId) => core.endConnection(connectionId),
  };
}
