import { DataPointType, MeterProvider, MetricReader, type HistogramMetricData, type MetricData } from '@opentelemetry/sdk-metrics';
import { createBotMetrics, type BotMetrics } from '../../src/observability/metrics.js';

/** A metric reader that keeps nothing and exports nowhere: tests collect on demand. */
class OnDemandReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

export interface CollectedPoint {
  attributes: Record<string, unknown>;
  /** Counters and gauges: the value; histograms: the count of recordings. */
  value: number;
  /** Histograms only: the sum of the recorded values. */
  sum?: number;
}

/** The bot's metrics recorded into an in-memory OpenTelemetry MeterProvider. */
export class InMemoryMetrics {
  readonly reader = new OnDemandReader();
  readonly provider = new MeterProvider({ readers: [this.reader] });
  readonly metrics: BotMetrics = createBotMetrics(this.provider.getMeter('stark-bot-test'));

  async collect(): Promise<Map<string, CollectedPoint[]>> {
    const { resourceMetrics, errors } = await this.reader.collect();
    if (errors.length > 0) throw new Error(`metric collection failed: ${errors.map(String).join('; ')}`);
    const out = new Map<string, CollectedPoint[]>();
    for (const scope of resourceMetrics.scopeMetrics) for (const metric of scope.metrics) out.set(metric.descriptor.name, pointsOf(metric));
    return out;
  }

  async points(name: string): Promise<CollectedPoint[]> {
    return (await this.collect()).get(name) ?? [];
  }

  async shutdown(): Promise<void> {
    await this.provider.shutdown();
  }
}

function pointsOf(metric: MetricData): CollectedPoint[] {
  if (metric.dataPointType === DataPointType.HISTOGRAM) {
    return (metric as HistogramMetricData).dataPoints.map((p) => ({ attributes: { ...p.attributes }, value: p.value.count, sum: p.value.sum ?? 0 }));
  }
  return metric.dataPoints.map((p) => ({ attributes: { ...p.attributes }, value: typeof p.value === 'number' ? p.value : Number.NaN }));
}

/** The sum of `value` over points whose attributes include `match`. */
export function total(points: CollectedPoint[], match: Record<string, unknown> = {}): number {
  return points.filter((p) => Object.entries(match).every(([k, v]) => p.attributes[k] === v)).reduce((sum, p) => sum + p.value, 0);
}
