import type { KioskClient } from '../../../shared/kiosk-api/client';
import { KioskError } from '../../../shared/kiosk-api/errors';
import type { KioskServices } from './ports';

/**
 * A call the contract does not have yet. Screens handle `unknown_call` like any
 * other typed error ("not available on this device"), so an area whose API has
 * not landed shows a clear message instead of crashing.
 */
function missing(call: string): Promise<never> {
  return Promise.reject(new KioskError({ code: 'unknown_call', message: `${call} is not in the kiosk API yet` }));
}

const noEvents = () => () => undefined;

/** The ports over the typed kiosk API. Each method maps one contract call onto the shape the screens use. */
export function kioskServices(client: KioskClient): KioskServices {
  return {
    auth: {
      signIn: () => missing('auth.signIn'),
      answerSecurityQuestion: () => missing('auth.answerSecurityQuestion'),
      resetPin: () => missing('auth.resetPin'),
      signOut: () => Promise.resolve(),
      keepAlive: () => Promise.resolve(),
      onExpiring: noEvents,
      onEnded: noEvents,
    },
    inbox: {
      list: () => missing('inbox.list'),
      get: () => missing('messages.get'),
      markRead: () => missing('messages.markRead'),
      counts: () => missing('inbox.counts'),
      onChanged: noEvents,
    },
    compose: {
      rules: () => missing('compose.rules'),
      send: () => missing('messages.send'),
      sendVideogram: () => missing('videograms.send'),
      outgoing: () => missing('messages.outgoing'),
      drafts: () => missing('drafts.list'),
      saveDraft: () => missing('drafts.save'),
      deleteDraft: () => missing('drafts.delete'),
      onStatus: noEvents,
    },
    account: { summary: () => missing('account.summary') },
    announcements: { list: () => missing('announcements.list') },
    support: {
      tickets: () => missing('support.list'),
      open: () => missing('support.open'),
      reply: () => missing('support.reply'),
    },
    library: {
      catalog: () => missing('library.catalog'),
      purchase: () => missing('library.purchase'),
      bookUrl: () => missing('library.bookUrl'),
      readingPosition: () => missing('library.progress'),
      saveReadingPosition: () => missing('library.saveProgress'),
      tracks: () => missing('library.tracks'),
      course: () => missing('courses.get'),
      submitQuiz: () => missing('courses.submitQuiz'),
    },
    sync: {
      // Until sync has calls of its own, the facility link's health is the best we know.
      status: () =>
        client.call('app.info', {}).then((info) => ({
          state: info.online ? ('idle' as const) : ('offline' as const),
          lastSyncAt: info.lastContactAt,
          pendingUploads: 0,
        })),
      onChange: noEvents,
    },
  };
}
