import { describe, expect, it } from 'vitest';
import { AuditConfig, TelemetryConfig } from '../../src/telemetry/config.js';

describe('telemetry config', () => {
  it('fills defaults', () => {
    expect(TelemetryConfig.parse({})).toEqual({ service_name: 'rampart-gateway', log_level: 'info' });
    expect(AuditConfig.parse({})).toEqual({
      enabled: true,
      path: '.rampart/audit.db',
      store_text: false,
      synchronous: 'normal',
      wait_for_commit: true,
    });
  });

  it('accepts an http(s) OTLP endpoint and an env var name', () => {
    const c = TelemetryConfig.parse({
      otlp_endpoint: 'https://collector:4318/v1/traces',
      otlp_headers_env: 'OTLP_HEADERS',
    });
    expect(c.otlp_endpoint).toBe('https://collector:4318/v1/traces');
  });

  it('refuses other schemes, header values in place of a name, and unknown keys', () => {
    expect(TelemetryConfig.safeParse({ otlp_endpoint: 'file:///etc/passwd' }).success).toBe(false);
    expect(TelemetryConfig.safeParse({ otlp_endpoint: 'not a url' }).success).toBe(false);
    expect(TelemetryConfig.safeParse({ otlp_headers_env: 'authorization=Bearer x' }).success).toBe(false);
    expect(TelemetryConfig.safeParse({ log_level: 'loud' }).success).toBe(false);
    expect(AuditConfig.safeParse({ store_txt: true }).success).toBe(false);
  });
});
