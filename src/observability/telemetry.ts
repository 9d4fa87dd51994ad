import { register } from 'node:module';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';

/**
 * Traces and metrics for Application Insights. Started by src/main.ts before the server's modules load (so the
 * HTTP and pg instrumentations can patch them), and only when APPLICATIONINSIGHTS_CONNECTION_STRING is set:
 * without it nothing is loaded, nothing is patched and nothing leaves the machine. The OpenTelemetry API that the
 * bot calls (src/observability/metrics.ts, spans in the outbound queue and jobs) is then a no-op.
 *
 * The SDK is put together from its parts (trace-node, metrics, two instrumentations) rather than
 * `@opentelemetry/sdk-node`, which pulls in every OTLP, Zipkin and Prometheus exporter (~40 MB, gRPC) we never use.
 */
export interface TelemetryOptions {
  connectionString: string | null;
  serviceVersion: string;
  /** Tests replace the Azure Monitor exporters with in-memory ones. */
  exporters?: { spans: SpanExporter; metrics: PushMetricExporter; metricIntervalMs?: number };
}

export interface Telemetry {
  /** Exports what is buffered now. */
  flush(): Promise<void>;
  /** Exports what is buffered and stops; call last in shutdown. */
  shutdown(): Promise<void>;
}

// Probes are polled every few seconds by the platform: tracing them would drown the requests that matter.
const UNTRACED_PATHS = new Set(['/healthz', '/readyz']);

export async function startTelemetry(options: TelemetryOptions): Promise<Telemetry | null> {
  const { connectionString } = options;
  if (!connectionString) return null;

  // ESM modules are patched through import-in-the-middle, limited to what the instrumentations need: wrapping every
  // module costs start-up time and breaks some packages.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include: ['pg', 'pg-pool'] } });

  const [api, traceNode, traceBase, sdkMetrics, resources, instrumentation, http, pg, azure] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/sdk-metrics'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/instrumentation'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-pg'),
    import('@azure/monitor-opentelemetry-exporter'),
  ]);

  const resource = resources.resourceFromAttributes({ 'service.name': 'stark-bot', 'service.version': options.serviceVersion });
  const spanExporter = options.exporters?.spans ?? new azure.AzureMonitorTraceExporter({ connectionString });
  const metricExporter = options.exporters?.metrics ?? new azure.AzureMonitorMetricExporter({ connectionString });

  const tracerProvider = new traceNode.NodeTracerProvider({ resource, spanProcessors: [new traceBase.BatchSpanProcessor(spanExporter)] });
  // Registers the global tracer provider, the AsyncLocalStorage context manager and the W3C trace-context propagator.
  tracerProvider.register();
  const meterProvider = new sdkMetrics.MeterProvider({
    resource,
    readers: [new sdkMetrics.PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: options.exporters?.metricIntervalMs ?? 60_000 })],
  });
  api.metrics.setGlobalMeterProvider(meterProvider);

  instrumentation.registerInstrumentations({
    tracerProvider,
    meterProvider,
    instrumentations: [
      new http.HttpInstrumentation({ ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.has((req.url ?? '').split('?')[0] ?? '') }),
      // Prepared for the PostgreSQL store: it patches `pg` once that is loaded, and does nothing before.
      new pg.PgInstrumentation({ enhancedDatabaseReporting: false }),
    ],
  });

  return {
    async flush() {
      await Promise.allSettled([tracerProvider.forceFlush(), meterProvider.forceFlush()]);
    },
    async shutdown() {
      await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
}
