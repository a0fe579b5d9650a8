import { z } from 'zod';

/** Languages the kiosk ships complete. Adding one means adding its locale file too. */
export const supportedLanguages = ['en', 'es'] as const;
export const Language = z.enum(supportedLanguages);
export type Language = z.infer<typeof Language>;
export const defaultLanguage: Language = 'en';
