import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/telemetry/metrics.js';

describe('createMetrics', () => {
  it('renders every rampart_ metric with its labels after calls', async () => {
    const m = createMetrics();
    m.request('/v1/chat/completions', 200, 0.12);
    m.request('/v1/chat/completions', 403, 0.01);
    m.decision('input', 'block', ['prompt_injection.override', 'secret.api_key', 'secret.api_key']);
    m.scanner('injection-rules', 0.002);
    m.upstream('openai', 'timeout', 30);
    m.limitRejection('rate');
    m.streamAddedTtft(0.004);
    const done = m.inflightStart('/v1/chat/completions');
    expect(m.inflight('/v1/chat/completions')).toBe(1);

    const text = await m.render();
    expect(m.contentType).toMatch(/^text\/plain/);
    expect(text).toContain('rampart_requests_total{route="/v1/chat/completions",status="200"} 1');
    expect(text).toContain('rampart_requests_total{route="/v1/chat/completions",status="403"} 1');
    expect(text).toContain('rampart_decisions_total{stage="input",action="block"} 1');
    // Counted once per decision, not once per match.
    expect(text).toContain('rampart_findings_total{category="secret.api_key"} 1');
    expect(text).toContain('rampart_findings_total{category="prompt_injection.override"} 1');
    expect(text).toContain('rampart_scanner_duration_seconds_count{scanner="injection-rules"} 1');
    expect(text).toContain('rampart_upstream_duration_seconds_count{upstream="openai",outcome="timeout"} 1');
    expect(text).toContain('rampart_limit_rejections_total{limit="rate"} 1');
    expect(text).toContain('rampart_stream_added_ttft_seconds_count 1');
    expect(text).toContain('rampart_inflight_requests{route="/v1/chat/completions"} 1');

    done();
    done(); // a second release is ignored
    expect(m.inflight('/v1/chat/completions')).toBe(0);
    expect(await m.render()).toContain('rampart_inflight_requests{route="/v1/chat/completions"} 0');
  });

  it('two instances in one process do not clash and count separately', async () => {
    const a = createMetrics();
    const b = createMetrics({ processMetrics: true });
    a.limitRejection('budget');
    a.limitRejection('budget');
    b.limitRejection('budget');
    expect(await a.render()).toContain('rampart_limit_rejections_total{limit="budget"} 2');
    const bText = await b.render();
    expect(bText).toContain('rampart_limit_rejections_total{limit="budget"} 1');
    expect(bText).toContain('rampart_process_cpu_seconds_total');
    expect(a.registry).not.toBe(b.registry);
  });

  it('caps label cardinality and sanitizes hostile label values', async () => {
    const m = createMetrics({ maxLabelValues: 3 });
    for (let i = 0; i < 50; i++) m.decision('input', 'flag', [`cat_${i}`]);
    m.request('/v1/x"} 1\nrampart_fake 9', 999, -1);
    const text = await m.render();
    const series = text.split('\n').filter((l) => l.startsWith('rampart_findings_total{'));
    expect(series).toHaveLength(4); // 3 distinct values + "other"
    expect(text).toContain('rampart_findings_total{category="other"} 47');
    expect(text).not.toContain('rampart_fake');
    expect(text).toContain('rampart_requests_total{route="other",status="other"} 1');
  });
});
