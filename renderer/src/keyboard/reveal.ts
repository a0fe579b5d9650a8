/**
 * After the keyboard opens (the page's scroll area just got shorter), scroll that area so the
 * field being typed in is visible and, when there is room, the action that completes the step
 * below it too. The field wins when both do not fit: one types before one sends.
 */
export function revealFieldAndAction(scroller: HTMLElement, field: HTMLElement, action: HTMLElement | null): void {
  const view = scroller.getBoundingClientRect();
  const fieldBox = field.getBoundingClientRect();
  const top = fieldBox.top - view.top + scroller.scrollTop;
  const fieldBottom = fieldBox.bottom - view.top + scroller.scrollTop;
  let bottom = fieldBottom;
  if (action) {
    const actionBox = action.getBoundingClientRect();
    bottom = Math.max(bottom, actionBox.bottom - view.top + scroller.scrollTop);
  }
  const margin = 8;
  const visibleTop = scroller.scrollTop;
  const visibleBottom = visibleTop + scroller.clientHeight;
  if (top - margin >= visibleTop && bottom + margin <= visibleBottom) return;
  // Show everything from the field's top to the action's bottom if it fits; otherwise the field from its top.
  const span = bottom - top + 2 * margin;
  scroller.scrollTop = span <= scroller.clientHeight ? bottom + margin - scroller.clientHeight : top - margin;
  if (!action && fieldBottom + margin > scroller.scrollTop + scroller.clientHeight) {
    scroller.scrollTop = top - margin;
  }
}

/** The action that completes the step of a field: its form's submit button, or one the screen marks. */
export function primaryActionOf(field: HTMLElement): HTMLElement | null {
  const form = field.closest('form');
  const submit = form?.querySelector<HTMLElement>('button[type="submit"], [data-primary-action]');
  if (submit) return submit;
  return field.closest('section')?.querySelector<HTMLElement>('[data-primary-action]') ?? null;
}
