// What a key store keeps about a virtual API key. Never the key itself: only its SHA-256.
import { z } from 'zod';
import { SPOTLIGHT_MODES } from '../../rag/spotlight/spotlight.js';
import { LimitsOverride } from '../limits/config.js';

export const KEY_ID_PATTERN = /^[0-9A-Za-z]{12}$/;

/**
 * How the gateway treats `system`/`developer` messages a client sends: `system` trusts them as the
 * application's own instructions (not scanned for injection); `user` scans them as user text.
 */
export const TrustClientRoles = z.enum(['system', 'user']);
export type TrustClientRoles = z.infer<typeof TrustClientRoles>;

/** How the gateway spotlights a request's `rampart.untrusted` messages (see the config's `spotlight`). */
export const SpotlightSetting = z.enum(['off', ...SPOTLIGHT_MODES]);
export type SpotlightSetting = z.infer<typeof SpotlightSetting>;

export const KeyRecord = z
  .object({
    id: z.string().regex(KEY_ID_PATTERN),
    tenant: z.string().min(1).max(200),
    name: z.string().max(200).optional(),
    created_at: z.string(),
    revoked_at: z.string().optional(),
    limits: LimitsOverride.optional(),
    /** This key's choice; absent: the config's `trust_client_roles`. */
    trust_client_roles: TrustClientRoles.optional(),
    /** This key's spotlight mode; absent: the config's `spotlight`. */
    spotlight: SpotlightSetting.optional(),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type KeyRecord = z.infer<typeof KeyRecord>;

export interface CreateKeyOptions {
  name?: string;
  limits?: LimitsOverride;
  trustClientRoles?: TrustClientRoles;
  spotlight?: SpotlightSetting;
}

export interface CreatedKey {
  record: KeyRecord;
  /** The plaintext key, shown to its owner once; no store keeps it. */
  key: string;
}

export interface KeyStore {
  create(tenant: string, opts?: CreateKeyOptions): Promise<CreatedKey>;
  get(id: string): Promise<KeyRecord | undefined>;
  list(): Promise<KeyRecord[]>;
  /** Marks the key revoked (idempotent); unknown id → RampartError KEY_NOT_FOUND. */
  revoke(id: string): Promise<KeyRecord>;
  /** The live record for a presented key; undefined for malformed, unknown, wrong or revoked keys. */
  verify(presented: unknown): Promise<KeyRecord | undefined>;
  close?(): Promise<void>;
}
