// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServices } from '../../../renderer/harness/fake-services';
import { ServicesProvider } from '../../../renderer/src/api/services-context';
import { RouterProvider } from '../../../renderer/src/app/router';
import { initI18n } from '../../../renderer/src/i18n';
import { KeyboardProvider } from '../../../renderer/src/keyboard/keyboard-context';
import NewMessageScreen from '../../../renderer/src/screens/compose/NewMessageScreen';

const i18n = initI18n('en');
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function show(fake: ReturnType<typeof fakeServices>, contactId: string | null = null) {
  return render(
    <I18nextProvider i18n={i18n}>
      <ServicesProvider services={fake.services}>
        <RouterProvider initial={{ name: 'new-message' }}>
          <KeyboardProvider>
            <NewMessageScreen contactId={contactId} />
          </KeyboardProvider>
        </RouterProvider>
      </ServicesProvider>
    </I18nextProvider>,
  );
}

describe('a new message keeps its draft', () => {
  it('autosaves by contact while typed, and choosing the contact again brings it back', async () => {
    const fake = fakeServices({ messageCount: 5 });
    const save = vi.spyOn(fake.services.compose, 'saveDraft');
    show(fake);
    fireEvent.click(await screen.findByRole('button', { name: /Ana Ruiz/ }));
    vi.useFakeTimers();
    fireEvent.change(screen.getByLabelText('Your message'), { target: { value: 'Dear Ana, about Sunday' } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1600);
    });
    vi.useRealTimers();
    expect(save).toHaveBeenCalledWith({ id: null, contactId: 'c2', body: 'Dear Ana, about Sunday' });
    expect(fake.state.drafts).toEqual([
      expect.objectContaining({ replyTo: null, contactId: 'c2', to: 'Ana Ruiz', body: 'Dear Ana, about Sunday' }),
    ]);
    cleanup();

    // Later (after a sign-out, say): the contact shows it has a draft, and the text is back.
    show(fake);
    fireEvent.click(await screen.findByRole('button', { name: /Ana Ruiz.*draft saved/ }));
    expect(screen.getByLabelText<HTMLTextAreaElement>('Your message').value).toBe('Dear Ana, about Sunday');
    expect(screen.queryByRole('button', { name: /Maria Lopez.*draft saved/ })).toBeNull();
    cleanup();

    // From Sent and drafts: straight to that contact's message.
    show(fake, 'c2');
    expect((await screen.findByLabelText<HTMLTextAreaElement>('Your message')).value).toBe('Dear Ana, about Sunday');
  });
});
