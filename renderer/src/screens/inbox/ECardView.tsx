import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isECardTemplateId, type ECardTemplateId } from '../../../../shared/domain/ecards';
import type { ECard } from '../../api/ports';

type Drawn = ECardTemplateId | 'plain';

/**
 * An eCard rendered from its template: a printed title in the reader's
 * language, a decorative motif (inline SVG, hidden from screen readers), the
 * template's colours (CSS, with a high-contrast variant) and the family's
 * greeting as text. An unknown template falls back to a plain card.
 */
export function ECardView({ card }: { card: ECard }) {
  const { t } = useTranslation();
  const template: Drawn = isECardTemplateId(card.template) ? card.template : 'plain';
  return (
    <figure className={`ecard ecard--${template}`} data-template={template} aria-label={t('ecard.label')}>
      <ECardMotif template={template} />
      <p className="ecard__title">{t(`ecard.template.${template}`)}</p>
      {card.greeting && <p className="ecard__greeting">{card.greeting}</p>}
    </figure>
  );
}

/** The decorative drawing across the top of a card; colours follow the card (currentColor). */
function ECardMotif({ template }: { template: Drawn }) {
  return (
    <svg className="ecard__motif" viewBox="0 0 240 64" aria-hidden="true" focusable="false">
      {motifs[template]}
    </svg>
  );
}

const heart = (x: number, y: number, s: number) =>
  `M${x} ${y + s * 0.3} C${x} ${y - s * 0.2} ${x - s} ${y - s * 0.2} ${x - s} ${y + s * 0.3} ` +
  `C${x - s} ${y + s * 0.7} ${x} ${y + s} ${x} ${y + s * 1.2} C${x} ${y + s} ${x + s} ${y + s * 0.7} ${x + s} ${y + s * 0.3} ` +
  `C${x + s} ${y - s * 0.2} ${x} ${y - s * 0.2} ${x} ${y + s * 0.3}Z`;

const star = (cx: number, cy: number, r: number) => {
  const points: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const radius = i % 2 === 0 ? r : r * 0.45;
    const angle = (Math.PI / 5) * i - Math.PI / 2;
    points.push(`${(cx + radius * Math.cos(angle)).toFixed(1)},${(cy + radius * Math.sin(angle)).toFixed(1)}`);
  }
  return points.join(' ');
};

const motifs: Record<Drawn, ReactNode> = {
  birthday: (
    <g fill="currentColor" stroke="currentColor">
      {[60, 120, 180].map((x, i) => (
        <g key={x} opacity={1 - i * 0.2}>
          <ellipse cx={x} cy={22} rx={13} ry={16} stroke="none" />
          <path d={`M${x} 38 q-5 10 0 20`} fill="none" strokeWidth={2} />
        </g>
      ))}
    </g>
  ),
  holiday: (
    <g fill="currentColor">
      {[40, 90, 150, 200].map((x, i) => (
        <polygon key={x} points={star(x, i % 2 === 0 ? 30 : 26, i % 2 === 0 ? 18 : 12)} />
      ))}
    </g>
  ),
  love: (
    <g fill="currentColor">
      <path d={heart(120, 10, 22)} />
      <path d={heart(70, 22, 12)} opacity={0.7} />
      <path d={heart(170, 22, 12)} opacity={0.7} />
    </g>
  ),
  thinking: (
    <g fill="currentColor">
      {[0, 60, 120, 180, 240, 300].map((deg) => (
        <ellipse key={deg} cx={120} cy={14} rx={7} ry={13} transform={`rotate(${deg} 120 32)`} opacity={0.75} />
      ))}
      <circle cx={120} cy={32} r={8} />
      <path d="M20 56 q50 -20 80 0 M140 56 q50 -20 80 0" fill="none" stroke="currentColor" strokeWidth={3} />
    </g>
  ),
  congrats: (
    <g fill="currentColor">
      <polygon points={star(120, 32, 24)} />
      {[
        [30, 14, 20],
        [60, 46, -30],
        [180, 12, 45],
        [210, 44, -15],
      ].map(([x = 0, y = 0, r = 0]) => (
        <rect key={x} x={x} y={y} width={14} height={6} rx={2} transform={`rotate(${r} ${x} ${y})`} />
      ))}
      <circle cx={90} cy={18} r={4} />
      <circle cx={152} cy={50} r={4} />
    </g>
  ),
  plain: (
    <g fill="none" stroke="currentColor" strokeWidth={3}>
      <path d="M40 32 h160" />
      <circle cx={120} cy={32} r={8} fill="currentColor" />
    </g>
  ),
};
