import { useTranslation } from 'react-i18next';
import { Field } from '../common/Field';

/** One deposit fee tier as typed: "up to" and "fee", in dollars. */
export interface Tier {
  upTo: string;
  fee: string;
}

const MAX_TIERS = 5;

/** The deposit fee tiers: the first tier whose "up to" covers a deposit sets its fee. */
export function FeeTiers({
  tiers,
  onChange,
  disabled,
}: {
  tiers: Tier[];
  onChange: (tiers: Tier[]) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const set = (index: number, tier: Tier) => onChange(tiers.map((old, i) => (i === index ? tier : old)));
  return (
    <fieldset className="card stack" disabled={disabled}>
      <legend>{t('facilitySettings.groups.fees')}</legend>
      <p>{t('facilitySettings.feesExplain')}</p>
      {tiers.map((tier, index) => (
        <div key={index} className="row">
          <Field
            label={t('facilitySettings.tierUpTo', { n: index + 1 })}
            inputMode="decimal"
            value={tier.upTo}
            onChange={(e) => set(index, { ...tier, upTo: e.target.value })}
            required
          />
          <Field
            label={t('facilitySettings.tierFee', { n: index + 1 })}
            inputMode="decimal"
            value={tier.fee}
            onChange={(e) => set(index, { ...tier, fee: e.target.value })}
            required
          />
          {tiers.length > 1 && (
            <button type="button" className="button" onClick={() => onChange(tiers.filter((_, i) => i !== index))}>
              {t('facilitySettings.removeTier', { n: index + 1 })}
            </button>
          )}
        </div>
      ))}
      {tiers.length < MAX_TIERS && (
        <button type="button" className="button" onClick={() => onChange([...tiers, { upTo: '', fee: '' }])}>
          {t('facilitySettings.addTier')}
        </button>
      )}
    </fieldset>
  );
}
