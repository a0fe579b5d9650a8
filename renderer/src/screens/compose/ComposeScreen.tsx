import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { characterCount } from '../../../../shared/domain/text-length';
import { KioskError } from '../../../../shared/kiosk-api/errors';
import { newClientId } from '../../api/client-id';
import type { ComposeRules, Draft, Message, OutgoingMessage, Recipient } from '../../api/ports';
import { useServices } from '../../api/services-context';
import { useLoad } from '../../api/use-load';
import { useRouter } from '../../app/router';
import { TextField } from '../../keyboard/TextField';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatCents } from '../../ui/format';
import { LoadView } from '../../ui/LoadView';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { SentNotice } from './SentNotice';
import { usePlace } from '../../ui/use-place';

interface Loaded {
  rules: ComposeRules;
  original: Message | null;
  draft: Draft | null;
}

/** Reply to a message: the limit and the stamp cost are shown before sending; the text is kept as a draft. */
export default function ComposeScreen({ replyTo, draftId }: { replyTo: string; draftId: string | null }) {
  const { t } = useTranslation();
  const { compose, inbox } = useServices();
  const [load, reload] = useLoad<Loaded>(async () => {
    const [rules, original, drafts] = await Promise.all([
      compose.rules(),
      inbox.get(replyTo).catch(() => null),
      compose.drafts().catch(() => [] as Draft[]),
    ]);
    const draft = drafts.find((d) => (draftId ? d.id === draftId : d.replyTo === replyTo)) ?? null;
    return { rules, original, draft };
  }, [compose, inbox, replyTo, draftId]);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader
        title={
          load.state === 'ready' && load.value.original
            ? t('compose.replyTo', { name: load.value.original.from })
            : t('compose.heading')
        }
      />
      <LoadView load={load} onRetry={reload}>
        {(loaded) => <ComposeForm to={{ replyTo }} rules={loaded.rules} draft={loaded.draft} />}
      </LoadView>
    </section>
  );
}

/**
 * The message text with its counter, stamp cost and send button. Kept as a
 * draft while typed, a reply (by the message it answers) and a new message (by
 * its contact) alike, so a sign-out or idle timeout loses nothing.
 */
export function ComposeForm({ to, rules, draft }: { to: Recipient; rules: ComposeRules; draft: Draft | null }) {
  const place = usePlace();
  const replyTo = 'replyTo' in to ? to.replyTo : null;
  const contactId = 'contactId' in to ? to.contactId : null;
  const { t } = useTranslation();
  const { compose } = useServices();
  const { navigate } = useRouter();
  const [body, setBody] = useState(draft?.body ?? '');
  const [saved, setSaved] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<OutgoingMessage | null>(null);
  const [error, setError] = useState<KioskError | null>(null);
  // One id for this reply, however many times Send is tapped (a retry after a dropped connection must not send twice).
  const [clientId] = useState(newClientId);
  const lastSaved = useRef(draft?.body ?? '');
  const draftIdRef = useRef<string | null>(draft?.id ?? null);

  // Counted as core and the server count it (an emoji or ñ is one), so the counter never disagrees with them.
  const length = characterCount(body);
  const tooLong = length > rules.maxChars;
  const cannotAfford = rules.balanceCents < rules.stampCostCents;

  // Keep a draft a couple of seconds after typing stops, so a sign-out or idle timeout loses nothing.
  useEffect(() => {
    if (sent || body === lastSaved.current || !body.trim()) return;
    const recipient: Recipient | null = replyTo !== null ? { replyTo } : contactId !== null ? { contactId } : null;
    if (!recipient) return;
    const timer = window.setTimeout(() => {
      setSaved('saving');
      compose.saveDraft({ id: draftIdRef.current, body, ...recipient }).then(
        (d) => {
          lastSaved.current = body;
          draftIdRef.current = d.id;
          setSaved('saved');
        },
        () => setSaved('idle'),
      );
    }, 1500);
    return () => window.clearTimeout(timer);
  }, [body, compose, replyTo, contactId, sent]);

  const send = () => {
    if (!body.trim() || tooLong || sending) return;
    setSending(true);
    setError(null);
    compose
      .send({ clientId, body, ...to })
      .then(
        (message) => {
          setSent(message);
          if (draftIdRef.current) void compose.deleteDraft(draftIdRef.current).catch(() => undefined);
        },
        (e: unknown) => setError(KioskError.from(e)),
      )
      .finally(() => setSending(false));
  };

  if (sent) {
    return (
      <div className="stack">
        <SentNotice message={sent} />
        <div className="button-row">
          <button
            type="button"
            className="button button--primary button--large"
            onClick={() => navigate({ name: 'outbox' })}
          >
            {t('compose.seeSent')}
          </button>
          <button type="button" className="button button--large" onClick={() => navigate({ name: 'inbox' })}>
            {t('inbox.heading')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form
      className="stack compose"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <p className="notice" data-testid="stamp-cost">
        {t('compose.cost', {
          cost: formatCents(rules.stampCostCents, place),
          balance: formatCents(rules.balanceCents, place),
        })}
      </p>
      <TextField
        label={t('compose.bodyLabel')}
        value={body}
        onChange={setBody}
        multiline
        // No maxLength: a long paste is kept whole and shown as too long (the counter and the error say so),
        // never cut silently; what is in the box is exactly what is sent.
        hint={t('compose.counter', { count: length, max: rules.maxChars })}
        error={tooLong ? t('compose.tooLong', { max: rules.maxChars }) : null}
        autoFocus
      />
      <p className="muted" role="status">
        {saved === 'saving' ? t('compose.draftSaving') : saved === 'saved' ? t('compose.draftSaved') : ''}
      </p>
      {cannotAfford && <p className="notice notice--error">{t('compose.noFunds')}</p>}
      {error && <ErrorNotice error={error} onRetry={send} />}
      <button
        type="submit"
        className="button button--primary button--large"
        disabled={!body.trim() || tooLong || sending || cannotAfford}
      >
        {sending ? t('compose.sending') : t('compose.send', { cost: formatCents(rules.stampCostCents, place) })}
      </button>
    </form>
  );
}
