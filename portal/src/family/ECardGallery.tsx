import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ECARD_TEMPLATE_IDS, type ECardTemplateId } from '../../../shared/domain/ecards';
import './ecard-gallery.css';

/**
 * The eCard templates as a radio-card gallery: one radio group (arrow keys
 * move, Space picks), each option named by its translated title, with a small
 * preview in the card's colours. '' means no eCard.
 */
export function ECardGallery({ value, onChange }: { value: string; onChange: (id: ECardTemplateId | '') => void }) {
  const { t } = useTranslation();
  const name = useId();
  const option = (id: ECardTemplateId | '', label: string, preview: ReactNode) => (
    <label key={id || 'none'} className="ecard-option">
      <input
        type="radio"
        name={name}
        value={id}
        checked={value === id}
        onChange={() => onChange(id)}
        className="ecard-option__radio"
      />
      {preview}
      <span className="ecard-option__name">{label}</span>
    </label>
  );
  return (
    <fieldset className="ecard-gallery">
      <legend>{t('ecard.label')}</legend>
      <div className="ecard-gallery__grid">
        {option('', t('ecard.none'), <span className="ecard-preview ecard-preview--none" aria-hidden="true" />)}
        {ECARD_TEMPLATE_IDS.map((id) =>
          option(
            id,
            t(`ecard.template.${id}`),
            <span className={`ecard-preview ecard-preview--${id}`} aria-hidden="true">
              <svg viewBox="0 0 48 32" focusable="false">
                {glyphs[id]}
              </svg>
            </span>,
          ),
        )}
      </div>
    </fieldset>
  );
}

const glyphs: Record<ECardTemplateId, ReactNode> = {
  birthday: (
    <g fill="currentColor">
      <ellipse cx="16" cy="13" rx="6" ry="8" />
      <ellipse cx="32" cy="13" rx="6" ry="8" opacity="0.7" />
      <path d="M16 21 q-2 5 0 9 M32 21 q-2 5 0 9" stroke="currentColor" fill="none" />
    </g>
  ),
  holiday: <polygon fill="currentColor" points="24,3 27,12 37,12 29,18 32,28 24,22 16,28 19,18 11,12 21,12" />,
  love: <path fill="currentColor" d="M24 28 C10 19 8 12 12 8 C16 4 22 6 24 11 C26 6 32 4 36 8 C40 12 38 19 24 28Z" />,
  thinking: (
    <g fill="currentColor">
      <circle cx="24" cy="16" r="5" />
      {[0, 60, 120, 180, 240, 300].map((deg) => (
        <ellipse key={deg} cx="24" cy="6" rx="3" ry="5" transform={`rotate(${deg} 24 16)`} opacity="0.7" />
      ))}
    </g>
  ),
  congrats: (
    <g fill="currentColor">
      <polygon points="24,5 27,13 35,13 29,18 31,26 24,21 17,26 19,18 13,13 21,13" />
      <rect x="5" y="6" width="6" height="3" transform="rotate(20 5 6)" />
      <rect x="38" y="22" width="6" height="3" transform="rotate(-25 38 22)" />
    </g>
  ),
};
