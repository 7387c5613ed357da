import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Counters and timers of one stage, exported in Prometheus format and readable in-process for summaries. */
export interface StageMetrics {
  processed(outcome: 'ok' | 'dropped'): void;
  failed(code: string): void;
  deadLettered(code: string): void;
  retried(code: string): void;
  observeLatency(seconds: number): void;
  /** Records of the input topic's partition that the stage's consumer group has not committed yet. */
  lag(topic: string, partition: number, records: number): void;
  snapshot(): MetricsSnapshot;
}

export interface MetricsSnapshot {
  processed: number;
  dropped: number;
  failed: number;
  deadLettered: number;
  retried: number;
}

export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly processedTotal = new Counter({
    name: 'pipeline_messages_processed_total',
    help: 'Messages a stage finished (outcome ok or dropped)',
    labelNames: ['stage', 'outcome'],
    registers: [this.registry],
  });
  private readonly failedTotal = new Counter({
    name: 'pipeline_messages_failed_total',
    help: 'Step failures, retriable or not',
    labelNames: ['stage', 'code'],
    registers: [this.registry],
  });
  private readonly deadLetteredTotal = new Counter({
    name: 'pipeline_messages_dead_lettered_total',
    help: 'Messages sent to a dead-letter topic',
    labelNames: ['stage', 'code'],
    registers: [this.registry],
  });
  private readonly retriedTotal = new Counter({
    name: 'pipeline_retries_total',
    help: 'Retries of retriable failures',
    labelNames: ['stage', 'code'],
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'pipeline_message_latency_seconds',
    help: 'Time from consuming a message to having its outputs accepted',
    labelNames: ['stage'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [this.registry],
  });

  private readonly lagGauge = new Gauge({
    name: 'pipeline_consumer_lag',
    help: "Records of a stage's input partition not yet committed by its consumer group (the group's, whichever replica reports it)",
    labelNames: ['stage', 'topic', 'partition'],
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry });
  }

  forStage(stage: string): StageMetrics {
    const counts: MetricsSnapshot = { processed: 0, dropped: 0, failed: 0, deadLettered: 0, retried: 0 };
    return {
      processed: (outcome) => {
        this.processedTotal.inc({ stage, outcome });
        if (outcome === 'ok') counts.processed += 1;
        else counts.dropped += 1;
      },
      failed: (code) => {
        this.failedTotal.inc({ stage, code });
        counts.failed += 1;
      },
      deadLettered: (code) => {
        this.deadLetteredTotal.inc({ stage, code });
        counts.deadLettered += 1;
      },
      retried: (code) => {
        this.retriedTotal.inc({ stage, code });
        counts.retried += 1;
      },
      observeLatency: (seconds) => this.latency.observe({ stage }, seconds),
      lag: (topic, partition, records) => this.lagGauge.set({ stage, topic, partition: String(partition) }, records),
      snapshot: () => ({ ...counts }),
    };
  }

  /** Serves `/metrics` for Prometheus; returns the server so that shutdown can close it. */
  serve(port: number): Server {
    const server = createServer((request, response) => {
      if (request.url !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      this.registry.metrics().then(
        (body) => response.writeHead(200, { 'content-type': this.registry.contentType }).end(body),
        (error: unknown) => response.writeHead(500).end(String(error)),
      );
    });
    server.listen(port);
    return server;
  }
}
