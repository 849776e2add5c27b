// Who asks, and what a chunk says about who may read it. The ACL is the same three facts in the store
// query (acl-filter.ts, a pre-filter) and in this re-check of every returned chunk: a bug or an escaping
// mistake in one of them alone cannot leak another tenant's text.
import { RampartError } from '../../core/errors.js';

/** Ordered: a principal cleared for `confidential` reads `public`, `internal` and `confidential`. */
export const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export interface Principal {
  tenant: string;
  /** Groups the principal belongs to. */
  groups: readonly string[];
  /** Highest classification the principal may read (default `internal`). */
  clearance?: Classification;
}

/** ACL metadata of a stored chunk. */
export interface ChunkAcl {
  tenant: string;
  /** Groups allowed to read; empty: every member of the tenant. */
  groups: readonly string[];
  classification: Classification;
}

export const MAX_ACL_STRING = 256;
export const MAX_GROUPS = 64;

export const classificationLevel = (c: Classification): number => CLASSIFICATIONS.indexOf(c);

/** Checks the shape of a principal or chunk ACL; throws INPUT_INVALID naming the field, never its value. */
export function validateAcl(tenant: unknown, groups: unknown, classification: unknown, what: string): void {
  if (typeof tenant !== 'string' || tenant.length === 0 || tenant.length > MAX_ACL_STRING)
    throw new RampartError(
      'INPUT_INVALID',
      `${what}: tenant must be a string of 1 to ${MAX_ACL_STRING} characters`,
    );
  if (
    !Array.isArray(groups) ||
    groups.length > MAX_GROUPS ||
    !groups.every((g) => typeof g === 'string' && g.length > 0 && g.length <= MAX_ACL_STRING)
  )
    throw new RampartError(
      'INPUT_INVALID',
      `${what}: groups must be at most ${MAX_GROUPS} strings of 1 to ${MAX_ACL_STRING} characters`,
    );
  if (!CLASSIFICATIONS.includes(classification as Classification))
    throw new RampartError(
      'INPUT_INVALID',
      `${what}: classification must be one of ${CLASSIFICATIONS.join(', ')}`,
    );
}

export function canRead(p: Principal, acl: ChunkAcl): boolean {
  if (acl.tenant !== p.tenant) return false;
  if (!CLASSIFICATIONS.includes(acl.classification)) return false;
  if (classificationLevel(acl.classification) > classificationLevel(p.clearance ?? 'internal')) return false;
  return acl.groups.length === 0 || acl.groups.some((g) => p.groups.includes(g));
}
