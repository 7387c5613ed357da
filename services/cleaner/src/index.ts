export { BOILERPLATE_RULES, stripBoilerplate, type BoilerplateRule } from './boilerplate-rules.js';
export { cleanArticle, cleanText, createCleaner, type CleanerOptions } from './cleaner.js';
export { extractFromHtml } from './html.js';
export { cleanUnicode } from './unicode.js';
