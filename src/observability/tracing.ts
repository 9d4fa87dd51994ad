import { SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';

// The global tracer provider is a proxy: spans are real once src/observability/telemetry.ts has registered an SDK,
// and no-ops (no allocation beyond a non-recording span) when it has not.
const tracer = trace.getTracer('stark-bot');

/** Runs `work` inside a span; a thrown error marks the span failed (by its name, never its message) and is rethrown. */
export function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Adds attributes to the span of the current request (the HTTP server span when tracing is on). */
export function annotateActiveSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}
