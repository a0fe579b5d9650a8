import type { TFunction } from 'i18next';
import type { LedgerLabel } from '../../../shared/domain/ledger-label';

/** A trust-account line in the reader's language, from the code and parameters the server sent. */
export function ledgerLabelText(label: LedgerLabel, t: TFunction): string {
  switch (label.code) {
    case 'deposit':
      return label.from ? t('account.line.deposit', { name: label.from }) : t('account.line.depositUnnamed');
    case 'release_card':
      return label.lastFour
        ? t('account.line.release_card', { lastFour: label.lastFour })
        : t('account.line.releaseCardUnnamed');
    default:
      return t(`account.line.${label.code}`);
  }
}
