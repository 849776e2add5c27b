// SQL injection shapes in an answer (OWASP LLM05): an answer whose text an application pastes into a query
// (text-to-SQL, a search box filled by an agent) must not close a string and stack a destructive statement,
// comment out the rest of the query or add an always-true condition. Each pattern is a bounded, linear
// regex; tautologies are confirmed in code (both sides equal), not with a backreference.
//
// Scores (span: the matched shape):
//   0.85  a closed string followed by a stacked destructive statement: `'; DROP TABLE users`
//   0.80  a quoted tautology: `' OR '1'='1`, `' OR 1=1`, `' OR ''='`
//   0.70  a closed string followed by a comment that cuts the query: `admin'--`, `'); --`
//   0.60  an unquoted tautology `OR 1=1`; a bare DROP TABLE/DATABASE/SCHEMA (SQL tutorials show these)
import type { ScannerFinding } from '../../core/types.js';

export const SQL_CATEGORY = 'unsafe_output.sql';

const GATE = /drop|or|--|;/i;
const STACKED =
  /['"`]\s{0,8}(?:\)\s{0,8})?;\s{0,8}(?:drop|delete|truncate|update|insert|alter|exec|execute|shutdown|create|grant|revoke)\b/gi;
// `admin'--` and `'); --`; a quote, a space and `--` is how prose writes a dash ('hate lit' -- it's), left alone.
const COMMENT_OUT = /'(?:--|(?:[ \t]{0,8}[);]){1,2}[ \t]{0,8}--)(?![^ \t\r\n])/g;
const TAUTOLOGY = /\bor\s{1,8}(['"]?)(\w{1,24})['"]?\s{0,8}=\s{0,8}['"]?(\w{1,24})/gi;
const EMPTY_TAUTOLOGY = /'\s{0,8}or\s{0,8}''\s{0,8}=\s{0,8}'/gi;
const DROP = /\bdrop\s{1,8}(?:table|database|schema)\b/gi;

const SIGNAL_TEXT: Readonly<Record<string, string>> = {
  stacked_statement: 'a closed string followed by a stacked destructive statement',
  tautology: 'an always-true OR condition',
  comment_out: 'a closed string followed by a comment that cuts the rest of the query',
  drop_statement: 'a DROP TABLE/DATABASE/SCHEMA statement',
};

interface Hit {
  start: number;
  end: number;
  signal: string;
  score: number;
}

function collect(
  re: RegExp,
  text: string,
  signal: string,
  score: (m: RegExpExecArray) => number | undefined,
  out: Hit[],
): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const s = score(m);
    if (s !== undefined) out.push({ start: m.index, end: m.index + m[0].length, signal, score: s });
    if (m[0].length === 0) re.lastIndex++;
  }
}

/** `unsafe_output.sql` findings; overlapping shapes on the same text join into one finding. */
export function findUnsafeSql(text: string, maxFindings = 1000): ScannerFinding[] {
  if (!GATE.test(text)) return [];
  const hits: Hit[] = [];
  collect(STACKED, text, 'stacked_statement', () => 0.85, hits);
  collect(EMPTY_TAUTOLOGY, text, 'tautology', () => 0.8, hits);
  collect(
    TAUTOLOGY,
    text,
    'tautology',
    (m) => {
      if (m[2]!.toLowerCase() !== m[3]!.toLowerCase()) return undefined;
      // A quote just before OR means the answer closes a string literal first: the classic payload.
      const before = text.slice(Math.max(0, m.index - 3), m.index);
      return before.includes("'") || before.includes('"') || m[1] !== '' ? 0.8 : 0.6;
    },
    hits,
  );
  collect(COMMENT_OUT, text, 'comment_out', () => 0.7, hits);
  collect(DROP, text, 'drop_statement', () => 0.6, hits);
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const findings: ScannerFinding[] = [];
  let last: (ScannerFinding & { span: [number, number] }) | undefined;
  for (const h of hits) {
    if (last && h.start < last.span[1]) {
      last.span[1] = Math.max(last.span[1], h.end);
      last.score = Math.max(last.score, h.score);
      continue;
    }
    if (findings.length >= maxFindings) {
      findings.push({
        category: SQL_CATEGORY,
        score: 0.85,
        message: `More than ${maxFindings} SQL injection shapes; the rest were not examined.`,
        signals: ['limit'],
      });
      break;
    }
    last = { category: SQL_CATEGORY, score: h.score, span: [h.start, h.end], message: '' };
    findings.push(last);
  }
  // Signals and message once each joined span is complete.
  return finish(findings, hits);
}

function finish(findings: ScannerFinding[], hits: readonly Hit[]): ScannerFinding[] {
  let h = 0;
  for (const f of findings) {
    if (!f.span) continue;
    const signals = new Set<string>();
    while (h < hits.length && hits[h]!.start < f.span[1]) {
      if (hits[h]!.start >= f.span[0]) signals.add(hits[h]!.signal);
      h++;
    }
    f.signals = [...signals];
    f.message = `SQL that would change a query if pasted into one: ${f.signals.map((s) => SIGNAL_TEXT[s] ?? s).join(', ')}.`;
  }
  return findings;
}
