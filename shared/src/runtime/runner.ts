/**
 * The stage runner: consume → parse → step → produce → commit, the same over Kafka and in-process.
 *
 * - A message that is not JSON or fails its topic's schema, a step's dead-letter result, and any
 *   non-retriable error go to `<input topic>.dlq` with the original bytes, the error, stage and attempts.
 * - A retriable error (in the step, or while producing) is retried with capped exponential backoff and
 *   the offset is not committed, so nothing is lost: on shutdown the rest of the batch is redelivered.
 * - Offsets are committed only after every output and dead letter of the batch is acknowledged.
 */
import { ABORTED, retryRetriable, type BackoffOptions } from '../backoff.js';
import type { Bus, ConsumedRecord, Subscription } from '../bus/index.js';
import { IndexOperationV1, describeZodError, type DeadLetter, type IndexOperation } from '../contracts.js';
import { InvalidMessageError, errorCode, errorMessage, isRetriable } from '../errors.js';
import type { Logger } from '../logger.js';
import type { StageMetrics } from '../metrics.js';
import type { SearchIndex } from '../search/index.js';
import type { TopicMap } from '../topics.js';
import type { Output, Stage } from './step.js';

/** An output bound for a sink, remembering which input record of the batch produced it. */
export interface PendingOutput extends Output {
  topicName: string;
  source: number;
}

/** An output the sink refused for good (e.g. a document Elasticsearch rejects): its input is dead-lettered. */
export interface Rejection {
  source: number;
  code: string;
  message: string;
}

/** Where a stage's outputs go: the bus by default, the search index for the indexer. */
export interface Sink {
  write(outputs: PendingOutput[]): Promise<Rejection[]>;
}

export interface StageRunnerOptions<Input> {
  stage: Stage<Input>;
  bus: Bus;
  topics: TopicMap;
  log: Logger;
  metrics: StageMetrics;
  retry: BackoffOptions;
  groupId: string;
  sink?: Sink;
  /** How often the consumer lag gauge is refreshed (default 15 s). */
  lagIntervalMs?: number;
}

/** Applies `index` outputs to a search index; operations it refuses for good are rejections. */
export function indexSink(index: SearchIndex): Sink {
  return {
    async write(outputs) {
      const rejections = await index.apply(outputs.map((output) => output.value as IndexOperation));
      return rejections.map((rejection) => ({
        source: outputs[rejection.position]!.source,
        code: rejection.code,
        message: rejection.message,
      }));
    },
  };
}

export function busSink(bus: Bus): Sink {
  return {
    async write(outputs) {
      const byTopic = new Map<string, PendingOutput[]>();
      for (const output of outputs) byTopic.set(output.topicName, [...(byTopic.get(output.topicName) ?? []), output]);
      for (const [topic, list] of byTopic)
        await bus.publish(
          topic,
          list.map((output) => ({ key: output.key, value: Buffer.from(JSON.stringify(output.value)) })),
        );
      return [];
    },
  };
}

/** Parses a consumed record against the input topic's schema; throws InvalidMessageError with the reason. */
export function parseRecord<Input>(value: Buffer, topics: TopicMap, stage: Stage<Input>): Input {
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch (err) {
    throw new InvalidMessageError(`not JSON: ${errorMessage(err)}`, err);
  }
  const parsed = topics.get(stage.input).schema.safeParse(json);
  if (!parsed.success) throw new InvalidMessageError(`does not match ${stage.input} schema: ${describeZodError(parsed.error)}`);
  return parsed.data as Input;
}

interface Failure {
  code: string;
  message: string;
  attempts: number;
}

type RecordOutcome = { kind: 'ok'; outputs: Output[] } | { kind: 'drop'; reason: string } | ({ kind: 'dead-letter' } & Failure) | 'aborted';

export class StageRunner<Input> {
  private subscription?: Subscription;
  private lagTimer?: NodeJS.Timeout;
  private lagFailing = false;
  private readonly sink: Sink;
  private readonly inputTopic: string;
  private readonly dlqTopic: string;

  constructor(private readonly options: StageRunnerOptions<Input>) {
    this.sink = options.sink ?? busSink(options.bus);
    this.inputTopic = options.topics.get(options.stage.input).name;
    this.dlqTopic = options.topics.deadLetter(this.inputTopic).name;
  }

  async start(): Promise<void> {
    const { bus, groupId, log } = this.options;
    this.subscription = await bus.consume({
      groupId,
      topic: this.inputTopic,
      handler: (batch, signal) => this.handleBatch(batch, signal),
    });
    log.info({ topic: this.inputTopic, groupId, bus: bus.kind }, 'stage started');
    void this.refreshLag();
    this.lagTimer = setInterval(() => void this.refreshLag(), this.options.lagIntervalMs ?? 15_000);
    this.lagTimer.unref();
  }

  /** Sets the lag gauge of each input partition; a failed query is logged once and tried again next time. */
  private async refreshLag(): Promise<void> {
    const { bus, groupId, log, metrics } = this.options;
    try {
      for (const { partition, lag } of await bus.lag(groupId, this.inputTopic)) metrics.lag(this.inputTopic, partition, lag);
      this.lagFailing = false;
    } catch (err) {
      if (!this.lagFailing) log.warn({ err: errorMessage(err) }, 'cannot read consumer lag; retrying');
      this.lagFailing = true;
    }
  }

  /** Stops fetching, lets the batch in flight finish and commit, leaves the group. */
  async stop(): Promise<void> {
    clearInterval(this.lagTimer);
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /** Processes a batch; returns how many records from the start are finished and may be committed. */
  async handleBatch(batch: ConsumedRecord[], signal: AbortSignal): Promise<number> {
    const { topics, metrics } = this.options;
    const started = process.hrtime.bigint();
    const outputs: PendingOutput[] = [];
    const deadLetters = new Map<number, Failure>();
    let completed = 0;

    for (const [index, record] of batch.entries()) {
      const log = this.options.log.child({ topic: record.topic, partition: record.partition, offset: record.offset, key: record.key });
      const result = await this.processRecord(record, log, signal);
      if (result === 'aborted') break;
      completed = index + 1;
      if (result.kind === 'dead-letter') deadLetters.set(index, result);
      else if (result.kind === 'drop') {
        metrics.processed('dropped');
        log.debug({ reason: result.reason }, 'dropped');
      } else {
        for (const output of result.outputs) {
          const topicName = output.topic === 'index' ? 'index' : topics.get(output.topic).name;
          const schema = output.topic === 'index' ? IndexOperationV1 : topics.get(output.topic).schema;
          const check = schema.safeParse(output.value);
          if (!check.success) {
            // A step that emits an invalid message has a bug; the input goes to the DLQ so that it can be replayed.
            deadLetters.set(index, { code: 'INVALID_OUTPUT', message: describeZodError(check.error), attempts: 1 });
            break;
          }
          outputs.push({ ...output, value: check.data, topicName, source: index });
        }
      }
    }

    const accepted = outputs.filter((output) => output.source < completed && !deadLetters.has(output.source));
    const rejections = await this.retrying('write outputs', signal, () =>
      this.sink.write(accepted).catch((err: unknown) => {
        if (isRetriable(err)) throw err;
        // The sink refused the whole write for good: every input of it goes to the DLQ, the worker goes on.
        return [...new Set(accepted.map((output) => output.source))].map((source) => ({
          source,
          code: errorCode(err),
          message: errorMessage(err),
        }));
      }),
    );
    if (rejections === 'aborted') return 0;
    for (const rejection of rejections) deadLetters.set(rejection.source, { ...rejection, attempts: 1 });

    const letters = [...deadLetters].map(([index, error]) => this.deadLetterRecord(batch[index]!, error));
    const published = await this.retrying('publish dead letters', signal, () => this.options.bus.publish(this.dlqTopic, letters));
    if (published === 'aborted') return 0;

    for (const [index, error] of deadLetters) {
      metrics.deadLettered(error.code);
      this.options.log.warn(
        {
          topic: batch[index]!.topic,
          offset: batch[index]!.offset,
          key: batch[index]!.key,
          code: error.code,
          reason: error.message,
          dlq: this.dlqTopic,
        },
        'message dead-lettered',
      );
    }
    const sources = new Set(accepted.map((output) => output.source));
    for (let index = 0; index < completed; index += 1) if (sources.has(index) && !deadLetters.has(index)) metrics.processed('ok');
    if (completed > 0) metrics.observeLatency(Number(process.hrtime.bigint() - started) / 1e9 / completed);
    return completed;
  }

  private async processRecord(record: ConsumedRecord, log: Logger, signal: AbortSignal): Promise<RecordOutcome> {
    const { stage, topics, metrics, retry } = this.options;
    let input: Input;
    try {
      input = parseRecord(record.value, topics, stage);
    } catch (err) {
      metrics.failed(errorCode(err));
      return { kind: 'dead-letter', code: errorCode(err), message: errorMessage(err), attempts: 1 };
    }
    let attempts = 0;
    try {
      const result = await retryRetriable(
        async () => {
          attempts += 1;
          try {
            return await stage.step(input, { log });
          } catch (err) {
            metrics.failed(errorCode(err));
            throw err;
          }
        },
        {
          backoff: retry,
          signal,
          onRetry: (err, attempt, delayMs) => {
            metrics.retried(errorCode(err));
            log.warn({ err, attempt, delayMs }, 'retriable failure; retrying');
          },
        },
      );
      if (result === ABORTED) return 'aborted';
      if (result.kind === 'dead-letter') return { kind: 'dead-letter', code: result.error.code, message: result.error.message, attempts };
      return result;
    } catch (err) {
      log.error({ err }, 'step failed');
      return { kind: 'dead-letter', code: errorCode(err), message: errorMessage(err), attempts };
    }
  }

  /** Retries a retriable operation until it succeeds or shutdown aborts it; non-retriable errors propagate. */
  private async retrying<T>(what: string, signal: AbortSignal, operation: () => Promise<T>): Promise<T | 'aborted'> {
    const result = await retryRetriable(operation, {
      backoff: this.options.retry,
      signal,
      onRetry: (err, attempt, delayMs) => {
        this.options.metrics.retried(errorCode(err));
        this.options.log.warn({ err, what, attempt, delayMs }, 'retriable failure; retrying');
      },
    });
    if (result !== ABORTED) return result;
    this.options.log.warn({ what }, 'shutting down before outputs were acknowledged; batch not committed');
    return 'aborted';
  }

  private deadLetterRecord(record: ConsumedRecord, error: Failure) {
    const letter: DeadLetter = {
      schemaVersion: 1,
      stage: this.options.stage.name,
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      key: record.key,
      value: record.value.toString('base64'),
      error: { code: error.code, message: error.message },
      attempts: error.attempts,
      failedAt: new Date().toISOString(),
    };
    return { key: record.key, value: Buffer.from(JSON.stringify(letter)), headers: { 'x-error-code': error.code } };
  }
}
