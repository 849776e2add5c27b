export {
  summarize,
  formatCategoryTable,
  ASR_DEFINITION,
  type Summary,
  type Bucket,
  type SummaryMeta,
} from './summary.js';
export { renderHtml } from './html.js';
export { renderJunit } from './junit.js';
export { renderPromptfoo, type PromptfooOutputFile, type PromptfooEvaluateResult } from './promptfoo.js';
export { writeReports } from './write.js';
export { escapeHtml, escapeXml } from '../../core/escape-markup.js';
