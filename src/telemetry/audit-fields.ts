// What one audit row holds, validated and bounded before it is written: shared by the log (audit-log.ts)
// and the gateway's writer thread, whose request thread validates entries without loading SQLite.
import { RampartError } from '../core/errors.js';
import type { Finding } from '../core/types.js';
import { canonicalJson, type HashedFields } from './audit-format.js';

export interface AuditEntry {
  decisionId: string;
  stage: string;
  action: string;
  findings: readonly Finding[];
  /** Defaults to the distinct categories of `findings`. */
  categories?: readonly string[];
  keyId?: string;
  tenant?: string;
  route?: string;
  model?: string;
  /** sha256 hex of the input / output text (see sha256Hex): proves which text was judged without keeping it. */
  inputSha256?: string;
  outputSha256?: string;
  /** Kept only when the log was opened with storeText. */
  text?: string;
  /** Defaults to now. */
  ts?: Date;
}

/** A finding as the audit log keeps it: no message, no matched value, no text. */
export interface AuditFinding {
  scanner: string;
  category: string;
  score: number;
  span: [number, number] | null;
  action: string | null;
}

// Bounds: the audit row is written on every request, so a hostile request must not make it huge.
const MAX_ID = 256;
const MAX_FINDINGS = 256;
const MAX_CATEGORIES = 64;
const MAX_TEXT = 1 << 20;
const LABEL = /^[a-z][a-z0-9_]{0,31}$/;
const HEX64 = /^[0-9a-f]{64}$/;

function optId(v: string | undefined, field: string): string | null {
  if (v === undefined) return null;
  if (typeof v !== 'string' || v.length > MAX_ID) {
    throw new RampartError(
      'INPUT_INVALID',
      `audit entry: ${field} must be a string of at most ${MAX_ID} characters`,
    );
  }
  return v;
}

function optHash(v: string | undefined, field: string): string | null {
  if (v === undefined) return null;
  if (!HEX64.test(v))
    throw new RampartError('INPUT_INVALID', `audit entry: ${field} must be a lowercase sha256 hex digest`);
  return v;
}

function label(v: string, field: string): string {
  if (!LABEL.test(v)) throw new RampartError('INPUT_INVALID', `audit entry: ${field} is not a valid name`);
  return v;
}

function auditFinding(f: Finding): AuditFinding {
  const span =
    f.span && Number.isInteger(f.span[0]) && Number.isInteger(f.span[1])
      ? ([f.span[0], f.span[1]] as [number, number])
      : null;
  return {
    scanner: String(f.scanner).slice(0, MAX_ID),
    category: String(f.category).slice(0, MAX_ID),
    score: Number.isFinite(f.score) ? f.score : 0,
    span,
    action: f.action ?? null,
  };
}

/** A validated row before it is numbered and chained: what enqueue() keeps and a batch commit writes. */
export type AuditFields = Omit<HashedFields, 'seq'>;

/**
 * Validates an entry and turns it into the row's fields (INPUT_INVALID on a bad entry). Pure: the
 * worker-thread writer validates on the request's thread, so a bad entry still throws at its caller.
 */
export function auditFields(entry: AuditEntry, storeText: boolean): AuditFields {
  const categories = [...new Set(entry.categories ?? entry.findings.map((f) => f.category))]
    .slice(0, MAX_CATEGORIES)
    .map((c) => String(c).slice(0, MAX_ID));
  const ts = (entry.ts ?? new Date()).toISOString();
  const fields: AuditFields = {
    ts,
    decision_id: optId(entry.decisionId, 'decisionId') ?? '',
    key_id: optId(entry.keyId, 'keyId'),
    tenant: optId(entry.tenant, 'tenant'),
    route: optId(entry.route, 'route'),
    model: optId(entry.model, 'model'),
    stage: label(entry.stage, 'stage'),
    action: label(entry.action, 'action'),
    categories: canonicalJson(categories),
    findings: canonicalJson(entry.findings.slice(0, MAX_FINDINGS).map(auditFinding)),
    input_sha256: optHash(entry.inputSha256, 'inputSha256'),
    output_sha256: optHash(entry.outputSha256, 'outputSha256'),
    text: storeText && typeof entry.text === 'string' ? entry.text.slice(0, MAX_TEXT) : null,
  };
  if (fields.decision_id === '')
    throw new RampartError('INPUT_INVALID', 'audit entry: decisionId is required');
  return fields;
}
