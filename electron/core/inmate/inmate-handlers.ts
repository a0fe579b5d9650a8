import { accountHandlers } from './account-handlers';
import { composeHandlers } from './compose-handlers';
import { DraftStore } from './draft-store';
import { draftsHandlers } from './drafts-handlers';
import { inboxHandlers } from './inbox-handlers';
import type { InmateDeps, InmateHandlers } from './inmate-scope';
import { inmateScope } from './inmate-scope';
import { libraryHandlers } from './library-handlers';
import { settingsHandlers } from './settings-handlers';
import { supportHandlers } from './support-handlers';

export type { InmateDeps, InmateHandlers } from './inmate-scope';

/** Every inmate call, each scoped to the connection's session: the areas' handlers put together. */
export function inmateHandlers(deps: InmateDeps): InmateHandlers {
  const scope = inmateScope(deps);
  const drafts = new DraftStore(deps.db);
  return {
    ...accountHandlers(scope),
    ...inboxHandlers(scope),
    ...composeHandlers(scope, drafts),
    ...draftsHandlers(scope, drafts),
    ...supportHandlers(scope),
    ...libraryHandlers(scope),
    ...settingsHandlers(scope),
  };
}
