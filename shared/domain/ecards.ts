/**
 * The eCard templates a family can send. Only ids live here: each side
 * translates `ecard.template.<id>` for the printed title (the kiosk) or the
 * gallery name (the portal), and draws the motif itself. The server refuses
 * any other id; the device still falls back to a plain card for an id it does
 * not know (a newer server may add templates before the device is updated).
 */
export const ECARD_TEMPLATE_IDS = ['birthday', 'holiday', 'love', 'thinking', 'congrats'] as const;

export type ECardTemplateId = (typeof ECARD_TEMPLATE_IDS)[number];

export function isECardTemplateId(value: string): value is ECardTemplateId {
  return (ECARD_TEMPLATE_IDS as readonly string[]).includes(value);
}
