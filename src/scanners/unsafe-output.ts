// Unsafe output (OWASP LLM05, improper output handling): what an answer can do to the client that renders it
// or the person or program that runs it. Four kinds, each a category `unsafe_output.<kind>` whose action the
// policy sets:
//   html   active HTML (script, event handlers, javascript:/data: URLs, forms, frames): redact puts
//          sanitize-html's rendering of the element in its place (unsafe-output/html.ts)
//   shell  destructive or hijacking commands: rm -rf /, curl | sh, reverse shells, fork bombs (shell.ts)
//   sql    injection shapes: stacked DROP, '; --, ' OR '1'='1 (sql.ts)
//   path   traversal and system files in file names: ../../etc/passwd, %2e%2e%2f (path.ts)
// Markdown images and links to unlisted hosts are exfil-links' job (exfil.link, blockAllImages): they are not
// reported again here, so one image never makes two findings.
//
// Streaming: shell, sql and path look at one line or one short shape, which the stream guard scans before the
// line's last token leaves; html elements are held until their start tag closes (holdback.ts), and an
// element whose end tag has not come yet is judged on its start tag.
import { z } from 'zod';
import type { Scanner, ScannerFinding } from '../core/types.js';
import { compileAllowlist, EMPTY_ALLOWLIST, type Allowlist } from './exfil-links/host.js';
import { findUnsafeHtml } from './unsafe-output/html.js';
import { findUnsafePaths } from './unsafe-output/path.js';
import { findUnsafeShell } from './unsafe-output/shell.js';
import { findUnsafeSql } from './unsafe-output/sql.js';

export { sanitizeFragment, sanitizeSpan, HTML_CATEGORY } from './unsafe-output/html.js';

export const UNSAFE_OUTPUT_KINDS = ['html', 'shell', 'sql', 'path'] as const;
export type UnsafeOutputKind = (typeof UNSAFE_OUTPUT_KINDS)[number];

/** The scanner's policy options (`scanners.unsafe-output.options`). */
export const UnsafeOutputSettings = z
  .object({
    /** Kinds to look for; an absent kind is on. */
    kinds: z
      .object({ html: z.boolean(), shell: z.boolean(), sql: z.boolean(), path: z.boolean() })
      .partial()
      .strict()
      .optional(),
    /**
     * Hosts whose install scripts an answer may tell the user to pipe into a shell (`curl -fsSL
     * https://sh.rustup.rs | sh`): registrable domains with their subdomains, `*.host`, or exact hosts.
     */
    allowHosts: z.array(z.string().min(1).max(253)).max(10_000).optional(),
    /** Findings per kind and text; reaching the cap is itself a finding without a span (redact then blocks). */
    maxFindings: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();
export type UnsafeOutputSettings = z.infer<typeof UnsafeOutputSettings>;

const DEFAULT_MAX_FINDINGS = 1000;
const allowlists = new WeakMap<object, Allowlist>();

function allowlistFor(entries: readonly string[] | undefined): Allowlist {
  if (!entries || entries.length === 0) return EMPTY_ALLOWLIST;
  let list = allowlists.get(entries);
  if (!list) allowlists.set(entries, (list = compileAllowlist(entries)));
  return list;
}

/** All `unsafe_output.*` findings in `text`. */
export function findUnsafeOutput(text: string, options: UnsafeOutputSettings = {}): ScannerFinding[] {
  const on = (k: UnsafeOutputKind): boolean => options.kinds?.[k] !== false;
  const max = options.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const findings: ScannerFinding[] = [];
  if (on('html')) findings.push(...findUnsafeHtml(text, max));
  if (on('shell')) findings.push(...findUnsafeShell(text, allowlistFor(options.allowHosts), max));
  if (on('sql')) findings.push(...findUnsafeSql(text, max));
  if (on('path')) findings.push(...findUnsafePaths(text, max));
  return findings;
}

export const unsafeOutput = {
  name: 'unsafe-output',
  description: 'active HTML, destructive shell commands, SQL injection and path traversal in answers',
  options: UnsafeOutputSettings,
  stages: ['output', 'tool_call'],
  cost: 'cheap',
  scan: (text, ctx) => findUnsafeOutput(text, ctx.options),
} satisfies Scanner<UnsafeOutputSettings>;
