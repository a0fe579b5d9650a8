import type { HandlersOf, InmateScope } from './inmate-scope';

/** What the screens read to set themselves up: the facility's music volume limit, and how the sync is doing. */
export function settingsHandlers(scope: InmateScope): HandlersOf<'music.settings' | 'sync.status'> {
  const { deps, me, facility } = scope;
  return {
    'music.settings': (_input, ctx) => {
      me(ctx);
      return { volumeMax: facility().musicVolumeMax };
    },
    'sync.status': () => deps.sync.status(),
  };
}
