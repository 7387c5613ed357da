import { fileURLToPath } from 'node:url';

/** The five sample articles (copied from ../shared/seeds). */
export const SEEDS_DIR = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));
export const SEED_COUNT = 5;
/** A republication of seed 003 by another "site" (header, new headline, read-also list): a near duplicate. */
export const REPUBLISHED_DIR = fileURLToPath(new URL('../fixtures/republished/', import.meta.url));

/** Boilerplate that appears in the seeds and must appear in no cleaned or indexed article. */
export const SEED_BOILERPLATE = [
  'اترك رد',
  'لن يتم نشر عنوان بريدك الإلكتروني',
  'مشاركة :',
  'news-picture',
  'موقع متخصص بالشؤون الصينية',
  '3/24/2021',
  '00:00',
];

/** A raw message that is not even JSON: it must land in the raw topic's dead-letter topic. */
export const MALFORMED_RAW = Buffer.from('{"schemaVersion":1,"body":"truncated');
