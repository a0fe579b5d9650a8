import { z } from 'zod';
import { supportedLanguages } from './languages';

export { defaultLanguage } from './languages';

export const Language = z.enum(supportedLanguages);
export type Language = z.infer<typeof Language>;
