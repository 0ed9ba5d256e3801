export { createExportHandler, EXPORT_PATH, CLAIM_REVIEW_PATH } from './serve-export';
export { executeThrough } from './through-runtime';
export { CSV_COLUMNS } from './statement-export';
