// Source families for out-of-family validation: the repository a row comes from (all UD treebanks are one
// family), or, for Rampart's own generated rows, each generator separately. An injected document also belongs,
// for exclusion, to the family of its carrier: a fold that holds out a carrier family must not train on
// injected copies of that family's documents.

const EMBEDDED = 'rampart/synthetic:embedded-injection(';

/** Family of a source string ("owner/repo:path…" or "rampart/synthetic:<generator>…"). */
export function family(source: string): string {
  const colon = source.indexOf(':');
  const repo = colon < 0 ? source : source.slice(0, colon);
  const rest = colon < 0 ? '' : source.slice(colon + 1);
  if (repo.startsWith('UniversalDependencies/')) return 'UniversalDependencies';
  if (repo !== 'rampart/synthetic') return repo;
  let end = 0;
  while (end < rest.length && /[a-z-]/u.test(rest[end]!)) end++;
  return `rampart/synthetic:${end > 0 ? rest.slice(0, end) : rest}`;
}

/** Family of the carrier document an injected row was built from (undefined for other rows). */
export function carrierFamily(source: string): string | undefined {
  if (!source.startsWith(EMBEDDED) || !source.endsWith(')')) return undefined;
  return family(source.slice(EMBEDDED.length, -1));
}
