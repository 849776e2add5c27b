// Telemetry and audit settings, validated once at the boundary (the gateway config loader embeds these).
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An http(s) URL of an OTLP/HTTP traces endpoint, e.g. http://collector:4318/v1/traces. */
const OtlpEndpoint = z
  .string()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL of an OTLP/HTTP traces endpoint');

export const TelemetryConfig = z
  .object({
    service_name: z.string().min(1).max(128).default('rampart-gateway'),
    otlp_endpoint: OtlpEndpoint.optional(),
    /** Name of an environment variable holding exporter headers ("k=v,k2=v2"); the headers themselves never sit in the config file. */
    otlp_headers_env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'must be an environment variable name')
      .optional(),
    log_level: z.enum(LOG_LEVELS).default('info'),
  })
  .strict();
export type TelemetryConfig = z.infer<typeof TelemetryConfig>;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const AuditConfig = z
  .object({
    enabled: z.boolean().default(true),
    path: z.string().min(1).max(4096).default('.rampart/audit.db'),
    /** Keep the scanned text in the audit row. Off by default: the log proves what was decided, not what was said. */
    store_text: z.boolean().default(false),
    /**
     * 'normal' (default): every committed decision survives a process crash or kill -9 (WAL), ~0.1 ms per
     * append; the last ones may be lost on a power cut. 'full': an fsync per append (~1.7 ms, blocking the
     * event loop) so they survive a power cut too — for deployments that need it more than throughput.
     */
    synchronous: z.enum(['full', 'normal']).default('normal'),
    /**
     * true (default): an answer leaves only once its decisions are committed ("answered ⇒ audited"). false:
     * the answer does not wait (the rows are committed within a few ms, on the writer thread), which saves
     * the writer's round trip — about 0.3 ms per request on a 2-core VM — but a crash can lose the rows of
     * requests answered in its last few ms. Either way a failed commit refuses every later request until
     * the log is writable again (fail closed).
     */
    wait_for_commit: z.boolean().default(true),
  })
  .strict();
export type AuditConfig = z.infer<typeof AuditConfig>;
