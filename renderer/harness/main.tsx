import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { KioskClient } from '../../shared/kiosk-api/client';
import type { AppInfo } from '../../shared/kiosk-api/calls/app';
import { AppShell } from '../src/app/AppShell';
import { KioskProvider } from '../src/app/kiosk-context';
import { RouterProvider } from '../src/app/router';
import { Frame } from '../src/frame/Frame';
import { initI18n } from '../src/i18n';
import '../src/styles/index.css';
import { demoInmate } from './fake-data';
import { fakeServices } from './fake-services';
import { technicianCall } from './fake-technician';
import { makeCaptions, makeEpub, makePhoto, makeTone } from './media';

/**
 * The screen harness: the real renderer shell and screens over the in-memory
 * fake kiosk, so every screen can be checked (axe, sizes, screenshots, the
 * 100k-row scroll bench) independently of core. `?messages=N` sets the inbox size.
 */
const params = new URLSearchParams(window.location.search);
const fake = fakeServices({
  messageCount: Number(params.get('messages') ?? 240),
  idleTimeoutMs: Number(params.get('idle') ?? 300_000),
  media: {
    // `?book=<url>` opens another EPUB (the e2e reader tests serve real and hostile books this way).
    bookUrl: params.get('book') ?? URL.createObjectURL(makeEpub()),
    trackUrl: URL.createObjectURL(makeTone()),
    photoUrl: makePhoto(),
    videoUrl: '',
    captionsUrl: URL.createObjectURL(makeCaptions()),
  },
});
// `?question=1`: sign-in asks the security question (a first sign-in on this device); `?inmateLang=es`: the
// person signing in reads Spanish (the screen must switch to it whatever the welcome screen showed).
fake.state.askSecurityQuestion = params.get('question') === '1';
if (params.get('inmateLang') === 'es') demoInmate.language = 'es';
Object.assign(window, { harness: fake });

let info: AppInfo = {
  version: '0.0.0-harness',
  facilityName: 'Riverside Correctional Facility',
  deviceMode: 'kiosk',
  online: true,
  serverTimeOffsetMs: 0,
  lastContactAt: Date.UTC(2026, 10, 20, 14, 55),
  language: params.get('lang') === 'es' ? 'es' : 'en',
  // The demo facility's zone (server/demo/seed.ts); `?tz=` shows another facility's wall clock.
  timeZone: params.get('tz') ?? 'America/Chicago',
};
const client = {
  call: (name: string, input: unknown) => {
    if (name.startsWith('technician.')) return Promise.resolve(technicianCall(name, input));
    if (name === 'app.setLanguage') info = { ...info, language: (input as { language: 'en' | 'es' }).language };
    return Promise.resolve(info);
  },
  on: () => () => undefined,
  onConnectionChange: () => () => undefined,
} as unknown as KioskClient;

const i18n = initI18n(info.language);
const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <KioskProvider client={client}>
        <RouterProvider>
          <Frame>
            <AppShell services={fake.services} />
          </Frame>
        </RouterProvider>
      </KioskProvider>
    </I18nextProvider>
  </StrictMode>,
);
