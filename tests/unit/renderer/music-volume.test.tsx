// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskServices } from '../../../renderer/src/api/ports';
import { ServicesProvider } from '../../../renderer/src/api/services-context';
import { initI18n } from '../../../renderer/src/i18n';
import { MiniPlayer } from '../../../renderer/src/screens/music/MiniPlayer';
import { cappedVolume, MusicPlayerProvider, usePlayer } from '../../../renderer/src/screens/music/player';

/** The music volume cap is the facility's setting (music.settings), applied to the audio element and the slider. */
const i18n = initI18n('en');
const made: { volume: number }[] = [];

class FakeAudio {
  volume = 1;
  src = '';
  preload = '';
  constructor() {
    made.push(this);
  }
  play() {
    return Promise.resolve();
  }
  pause() {}
  addEventListener() {}
  removeEventListener() {}
}

beforeEach(() => {
  made.length = 0;
  vi.stubGlobal('Audio', FakeAudio);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

let player: ReturnType<typeof usePlayer> | null = null;
function Grab() {
  player = usePlayer();
  return null;
}

function renderPlayer(volumeMax: number) {
  const services = {
    library: { musicSettings: () => Promise.resolve({ volumeMax }) },
  } as unknown as KioskServices;
  render(
    <I18nextProvider i18n={i18n}>
      <ServicesProvider services={services}>
        <MusicPlayerProvider>
          <Grab />
          <MiniPlayer />
        </MusicPlayerProvider>
      </ServicesProvider>
    </I18nextProvider>,
  );
}

describe('music volume cap', () => {
  it('never lets the volume above the cap or below zero', () => {
    expect(cappedVolume(1, 0.6)).toBe(0.6);
    expect(cappedVolume(0.4, 0.6)).toBe(0.4);
    expect(cappedVolume(-1, 0.6)).toBe(0);
    expect(cappedVolume(2, 1)).toBe(1);
  });

  it("applies the facility's cap to the audio element and the slider", async () => {
    renderPlayer(0.3);
    await waitFor(() => expect(player?.volumeCap).toBe(0.3));
    act(() => player?.playQueue([{ id: 't1', title: 'Track 1', url: '/media/t1', durationSeconds: 3 }], 0));
    act(() => player?.setVolume(1));
    expect(player?.volume).toBe(0.3);
    expect(made[0]?.volume).toBe(0.3);
    const slider = screen.getByRole('slider');
    expect(slider.getAttribute('max')).toBe('0.3');
  });

  it('a looser facility cap lets it go higher than the old fixed 0.8', async () => {
    renderPlayer(1);
    await waitFor(() => expect(player?.volumeCap).toBe(1));
    act(() => player?.playQueue([{ id: 't1', title: 'Track 1', url: '/media/t1', durationSeconds: 3 }], 0));
    act(() => player?.setVolume(0.95));
    expect(made[0]?.volume).toBe(0.95);
  });
});
