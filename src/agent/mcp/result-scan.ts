// A tool's result is untrusted text: whatever an MCP server returns (a web page, an issue body, an e-mail) may carry
// instructions meant for the model. The guard's `tool_result` stage scans it; the caller decides what to do.
import { isStopping } from '../../core/actions.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Segment } from '../../core/types.js';
import type { Guard } from '../../policy/create-guard.js';

export interface ResultScan {
  /** 'injection': the policy blocks it; 'unscannable': too large, or the guard failed (both fail closed). */
  verdict: 'clean' | 'injection' | 'unscannable';
  /** Finding categories that decided it (never text). */
  categories: string[];
  /** All scanned text joined, for the taint ledger. */
  text: string;
  /** The result with redactions applied (secrets, PII) when the policy redacts; otherwise the input. */
  result: CallToolResult;
}

type Slot = { text: string; set: (t: string) => void };

/** Text-bearing parts of a result, each with a setter that writes a redacted version into a copy. */
function slots(result: CallToolResult): { copy: CallToolResult; slots: Slot[] } {
  const copy: CallToolResult = { ...result, content: (result.content ?? []).map((c) => ({ ...c })) };
  const out: Slot[] = [];
  for (const item of copy.content as Array<Record<string, unknown>>) {
    if (item.type === 'text' && typeof item.text === 'string') {
      out.push({ text: item.text, set: (t) => (item.text = t) });
    } else if (item.type === 'resource' && item.resource && typeof item.resource === 'object') {
      const res = { ...(item.resource as Record<string, unknown>) };
      item.resource = res;
      if (typeof res.text === 'string') out.push({ text: res.text, set: (t) => (res.text = t) });
    } else if (item.type === 'resource_link') {
      for (const key of ['name', 'title', 'description'] as const) {
        if (typeof item[key] === 'string') out.push({ text: item[key], set: (t) => (item[key] = t) });
      }
    }
  }
  if (copy.structuredContent !== undefined) {
    // Scanned as JSON text; a redaction here cannot be written back into the structure, so it drops it.
    out.push({
      text: JSON.stringify(copy.structuredContent),
      set: () => {
        delete copy.structuredContent;
      },
    });
  }
  return { copy, slots: out };
}

export async function scanToolResult(
  guard: Guard,
  result: CallToolResult,
  options: { maxChars: number; source: string },
): Promise<ResultScan> {
  const { copy, slots: parts } = slots(result);
  const text = parts.map((p) => p.text).join('\n');
  if (text.length > options.maxChars)
    return { verdict: 'unscannable', categories: ['limits.result_too_large'], text, result };
  if (parts.length === 0) return { verdict: 'clean', categories: [], text, result };
  const segments: Segment[] = parts.map((p) => ({
    text: p.text,
    trust: 'untrusted',
    source: options.source,
  }));
  let decision;
  try {
    decision = await guard.check('tool_result', segments);
  } catch {
    return { verdict: 'unscannable', categories: ['scanner.error'], text, result };
  }
  const deciding = decision.findings.filter((f) => isStopping(f.action));
  if (isStopping(decision.action)) {
    return {
      verdict: 'injection',
      categories: [...new Set(deciding.map((f) => f.category))].slice(0, 8),
      text,
      result,
    };
  }
  if (decision.action === 'redact') {
    const rewritten = decision.segments ?? (decision.text !== undefined ? [{ text: decision.text }] : []);
    if (rewritten.length === parts.length) {
      parts.forEach((p, i) => {
        const t = rewritten[i]!.text;
        if (t !== p.text) p.set(t);
      });
      return { verdict: 'clean', categories: [], text, result: copy };
    }
  }
  return { verdict: 'clean', categories: [], text, result };
}
