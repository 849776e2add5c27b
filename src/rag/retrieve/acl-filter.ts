// The ACL as a LanceDB (DataFusion SQL) filter, applied before the vector search ranks anything.
// Values become SQL string literals with every single quote doubled, the only escape a standard SQL
// string literal has (DataFusion reads backslashes literally; a test shows `a\'` stays one literal).
// Levels are our own integers, never caller text. A property test runs hostile tenant strings through
// a real store: the filter never matches another tenant's rows.
import { classificationLevel, validateAcl, type Principal } from './principal.js';

export const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

export function aclWhere(p: Principal): string {
  const clearance = p.clearance ?? 'internal';
  validateAcl(p.tenant, p.groups, clearance, 'principal');
  const groups =
    p.groups.length === 0
      ? 'cardinality(groups) = 0'
      : `(cardinality(groups) = 0 OR array_has_any(groups, [${p.groups.map(sqlString).join(', ')}]))`;
  return `tenant = ${sqlString(p.tenant)} AND class_level <= ${classificationLevel(clearance)} AND ${groups}`;
}
