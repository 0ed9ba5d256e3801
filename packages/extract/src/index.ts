export * from './types';
export { extractQuotations } from './extract';
export { detectLanguage } from './text/language';
