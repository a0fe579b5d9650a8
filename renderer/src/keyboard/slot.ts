/** The frame's place for the keyboard: under the page's scroll area, so it shortens the page instead of covering it. */
export const keyboardSlotAttribute = 'data-keyboard-slot';
