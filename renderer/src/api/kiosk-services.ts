import type { KioskClient } from '../../../shared/kiosk-api/client';
import type { KioskServices } from './ports';

/** The ports over the typed kiosk API. Each method maps one contract call onto the shape the screens use. */
export function kioskServices(client: KioskClient): KioskServices {
  const ok = () => undefined;
  return {
    auth: {
      signIn: (docNumber, pin) => client.call('auth.signIn', { docNumber, pin }),
      answerSecurityQuestion: (challengeId, answer) =>
        client.call('auth.answerSecurityQuestion', { challengeId, answer }),
      resetPin: (docNumber, resetCode, newPin) =>
        client.call('auth.resetPin', { docNumber, resetCode, newPin }).then(ok),
      changePin: (currentPin, newPin) => client.call('auth.changePin', { currentPin, newPin }).then(ok),
      signOut: () => client.call('auth.signOut', {}).then(ok),
      keepAlive: () => client.call('auth.keepAlive', {}).then(ok),
      onExpiring: (listener) => client.on('session.expiring', ({ secondsLeft }) => listener(secondsLeft)),
      onEnding: (listener) => client.on('session.ending', ({ secondsLeft }) => listener(secondsLeft)),
      onEnded: (listener) => client.on('session.ended', ({ reason }) => listener(reason)),
    },
    inbox: {
      list: (query) => client.call('inbox.list', query),
      get: (id) => client.call('messages.get', { id }),
      markRead: (id) => client.call('messages.markRead', { id }).then(ok),
      counts: () => client.call('inbox.counts', {}),
      onChanged: (listener) => client.on('inbox.changed', () => listener()),
    },
    compose: {
      rules: () => client.call('compose.rules', {}),
      contacts: () => client.call('contacts.list', {}),
      send: (input) => client.call('messages.send', input),
      sendVideogram: async ({ clientId, replyTo, video, durationMs }) => {
        const uploadId = await client.upload(await video.arrayBuffer(), video.type.split(';')[0] || 'video/webm');
        return client.call('videograms.send', {
          clientId,
          replyTo,
          uploadId,
          durationMs: Math.max(1, Math.round(durationMs)),
        });
      },
      outgoing: () => client.call('messages.outgoing', {}),
      trail: (id) => client.call('messages.trail', { id }),
      drafts: () => client.call('drafts.list', {}),
      saveDraft: (input) => client.call('drafts.save', input),
      deleteDraft: (id) => client.call('drafts.delete', { id }).then(ok),
      onStatus: (listener) => client.on('outbox.changed', () => listener()),
    },
    account: { summary: () => client.call('account.summary', {}) },
    announcements: { list: () => client.call('announcements.list', {}) },
    support: {
      tickets: () => client.call('support.list', {}),
      open: (input) => client.call('support.open', input),
      reply: (input) => client.call('support.reply', input),
    },
    library: {
      catalog: async ({ kind, search }) =>
        (await client.call('library.catalog', { kind, search })).flatMap((item) =>
          item.kind === 'game'
            ? []
            : [
                {
                  id: item.id,
                  kind: item.kind,
                  title: item.title,
                  author: item.author,
                  priceCents: item.priceCents,
                  owned: item.owned,
                },
              ],
        ),
      purchase: async (input) => {
        const item = await client.call('library.purchase', input);
        if (item.kind === 'game') throw new Error('games are not sold');
        return {
          id: item.id,
          kind: item.kind,
          title: item.title,
          author: item.author,
          priceCents: item.priceCents,
          owned: item.owned,
        };
      },
      bookUrl: async (itemId) => (await client.call('library.bookUrl', { itemId })).url,
      readingPosition: (itemId) => client.call('library.progress', { itemId }),
      saveReadingPosition: (itemId, position) => client.call('library.saveProgress', { itemId, position }).then(ok),
      reportBookProblem: (itemId, problem, detail) =>
        client.call('library.bookProblem', { itemId, problem, detail: detail.slice(0, 300) }).then(ok),
      tracks: (albumId) => client.call('library.tracks', { albumId }),
      musicSettings: () => client.call('music.settings', {}),
      games: async () =>
        (await client.call('library.catalog', { kind: 'game', search: '' })).map(({ id, title, gameId, owned }) => ({
          id,
          title,
          gameId,
          owned,
        })),
      course: (courseId) => client.call('courses.get', { courseId }),
      submitQuiz: (input) => client.call('courses.submitQuiz', input),
    },
    sync: {
      status: () => client.call('sync.status', {}),
      onChange: (listener) => client.on('sync.status', listener),
    },
  };
}
