/**
 * Languages the kiosk ships complete. Adding one means adding its locale file too.
 * Kept free of zod so the renderer's first bundle can import it for nothing.
 */
export const supportedLanguages = ['en', 'es'] as const;
export type Language = (typeof supportedLanguages)[number];
export const defaultLanguage: Language = 'en';
