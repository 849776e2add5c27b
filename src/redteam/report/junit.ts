// junit.xml for CI: one testcase per run case. A successful attack is a <failure> (the defence failed);
// a target error is an <error>; blocked and resisted attacks pass. Everything is XML-escaped.
import type { CaseResult } from '../runner-types.js';
import { escapeXml as x } from '../../core/escape-markup.js';
import type { Summary } from './summary.js';

const MAX_DETAIL_CHARS = 4000;

export function renderJunit(summary: Summary, results: readonly CaseResult[]): string {
  const failures = results.filter((r) => r.success).length;
  const errors = results.filter((r) => r.error).length;
  const cases = results.map((r) => {
    const open = `  <testcase classname="redteam.${x(r.category)}" name="${x(r.id)}">`;
    if (r.success) {
      const last = [...r.transcript].reverse().find((m) => m.role === 'assistant');
      const detail = `${r.title}\nmutators: ${r.mutators.join(', ') || 'none'}; strategy: ${r.strategy}; turn ${r.turns}\n${last?.content ?? ''}`;
      return `${open}\n    <failure message="${x(`attack succeeded: ${r.reason}`)}" type="${x(r.goal)}">${x(detail.slice(0, MAX_DETAIL_CHARS))}</failure>\n  </testcase>`;
    }
    if (r.error) return `${open}\n    <error message="${x(r.error)}" type="target_error"/>\n  </testcase>`;
    return `${open}${r.blocked ? `\n    <system-out>${x(`blocked${r.blockedBy ? `: ${r.blockedBy}` : ''}`)}</system-out>\n  ` : ''}</testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="rampart-redteam" tests="${results.length}" failures="${failures}" errors="${errors}">
 <testsuite name="${x(`redteam ${summary.target}`)}" tests="${results.length}" failures="${failures}" errors="${errors}" skipped="0">
  <properties>
   <property name="asr" value="${summary.asr}"/>
   <property name="seed" value="${x(String(summary.seed ?? ''))}"/>
  </properties>
${cases.join('\n')}
 </testsuite>
</testsuites>
`;
}
