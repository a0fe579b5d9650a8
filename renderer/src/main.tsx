import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createKioskClient } from '../../shared/kiosk-api/client';
import { KioskProvider } from './app/kiosk-context';
import { RouterProvider } from './app/router';
import { Screens } from './app/Screens';
import { Frame } from './frame/Frame';
import { initI18n } from './i18n';
import { httpTransport } from './transport/http';
import { ipcTransport } from './transport/ipc';
import './styles/index.css';

// In Electron, preload exposes window.kiosk; in the browser preview, the same API comes over HTTP.
const transport = window.kiosk ? ipcTransport(window.kiosk) : httpTransport();
const client = createKioskClient(transport);
const i18n = initI18n();

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <KioskProvider client={client}>
        <RouterProvider>
          <Frame>
            <Screens />
          </Frame>
        </RouterProvider>
      </KioskProvider>
    </I18nextProvider>
  </StrictMode>,
);
