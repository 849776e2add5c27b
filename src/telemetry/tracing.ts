// OpenTelemetry traces for the gateway. The provider is private to the gateway (never registered
// globally), so embedding Rampart in an app that has its own tracing changes nothing there. With no
// exporter and no OTLP endpoint, tracing is a no-op tracer: spans cost an object allocation and nothing else,
// and the SDK and exporter modules (tens of MB resident) are not even loaded.
import { ProxyTracerProvider, type Tracer } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { RampartError } from '../core/errors.js';
import type { TelemetryConfig } from './config.js';

export interface Tracing {
  tracer: Tracer;
  /** False for the no-op tracer: callers may skip computing attributes. */
  enabled: boolean;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** Export to this exporter instead of OTLP (tests use InMemorySpanExporter). */
  exporter?: SpanExporter;
  /** Environment to read `otlp_headers_env` from (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

const TRACER_NAME = 'rampart';

/**
 * Parse exporter headers in the OTEL_EXPORTER_OTLP_HEADERS format: `k=v,k2=v2`, values URL-encoded.
 * The error never repeats the value: it usually holds a token.
 */
export function parseOtlpHeaders(raw: string, envName: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const part of raw.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq).trim() : '';
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,256}$/.test(key)) {
      throw new RampartError('CONFIG_INVALID', `${envName} must hold headers as key=value,key2=value2`);
    }
    let value: string;
    try {
      value = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      throw new RampartError(
        'CONFIG_INVALID',
        `${envName}: the value of header ${key} is not valid URL encoding`,
      );
    }
    if (/[\r\n\0]/.test(value)) {
      throw new RampartError(
        'CONFIG_INVALID',
        `${envName}: the value of header ${key} contains a line break`,
      );
    }
    headers[key] = value;
  }
  return headers;
}

export async function createTracing(config: TelemetryConfig, opts: TracingOptions = {}): Promise<Tracing> {
  let exporter = opts.exporter;
  if (!exporter && config.otlp_endpoint) {
    const env = opts.env ?? process.env;
    const rawHeaders = config.otlp_headers_env ? env[config.otlp_headers_env] : undefined;
    if (config.otlp_headers_env && rawHeaders === undefined) {
      throw new RampartError(
        'CONFIG_INVALID',
        `telemetry.otlp_headers_env names ${config.otlp_headers_env}, which is not set`,
      );
    }
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    exporter = new OTLPTraceExporter({
      url: config.otlp_endpoint,
      headers: rawHeaders ? parseOtlpHeaders(rawHeaders, config.otlp_headers_env ?? 'headers') : {},
      timeoutMillis: 10_000,
    });
  }

  if (!exporter) {
    // A ProxyTracerProvider with no delegate hands out the API's no-op tracer.
    return {
      tracer: new ProxyTracerProvider().getTracer(TRACER_NAME),
      enabled: false,
      forceFlush: async () => {},
      shutdown: async () => {},
    };
  }

  const [{ resourceFromAttributes }, { BasicTracerProvider, BatchSpanProcessor }] = await Promise.all([
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-base'),
  ]);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.service_name }),
    // A bounded queue: when the collector is down, spans are dropped rather than held in memory.
    spanProcessors: [new BatchSpanProcessor(exporter, { maxQueueSize: 2048, maxExportBatchSize: 512 })],
    spanLimits: { attributeValueLengthLimit: 1024, attributeCountLimit: 128 },
  });
  let closed = false;
  return {
    tracer: provider.getTracer(TRACER_NAME),
    enabled: true,
    forceFlush: () => provider.forceFlush(),
    shutdown: async () => {
      if (closed) return;
      closed = true;
      await provider.shutdown();
    },
  };
}
