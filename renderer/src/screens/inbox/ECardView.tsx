import type { ECard } from '../../api/ports';

const knownTemplates = new Set(['birthday', 'holiday', 'love', 'thinking', 'congrats']);

/**
 * An eCard drawn from its template name (colours and border come from CSS; the
 * greeting is text). An unknown template falls back to a plain card.
 */
export function ECardView({ card }: { card: ECard }) {
  const template = knownTemplates.has(card.template) ? card.template : 'plain';
  return (
    <div className={`ecard ecard--${template}`} data-template={template}>
      <p className="ecard__greeting">{card.greeting}</p>
    </div>
  );
}
