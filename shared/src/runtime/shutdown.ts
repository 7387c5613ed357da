import type { Logger } from '../logger.js';

export interface ShutdownTask {
  name: string;
  run: () => Promise<void>;
}

/**
 * Shutdown as a memoised promise: every task runs once, in order, each guarded so that one failure does
 * not skip the rest, all under a hard timeout after which the process exits non-zero.
 */
export function createShutdown(options: {
  log: Logger;
  timeoutMs: number;
  /** The tasks, or a function giving them at shutdown time (when start-up adds some as it goes). */
  tasks: ShutdownTask[] | (() => ShutdownTask[]);
  exit?: (code: number) => void;
}) {
  let closing: Promise<void> | undefined;
  const exit = options.exit ?? ((code: number) => process.exit(code));

  const shutdown = (reason: string): Promise<void> => {
    closing ??= (async () => {
      options.log.info({ reason }, 'shutting down');
      const timer = setTimeout(() => {
        options.log.error({ timeoutMs: options.timeoutMs }, 'shutdown timed out; exiting');
        exit(1);
      }, options.timeoutMs);
      timer.unref();
      for (const task of typeof options.tasks === 'function' ? options.tasks() : options.tasks) {
        try {
          await task.run();
        } catch (err) {
          options.log.error({ err, task: task.name }, 'shutdown task failed');
        }
      }
      clearTimeout(timer);
      options.log.info('shut down cleanly');
    })();
    return closing;
  };

  /** SIGTERM/SIGINT start the shutdown; a second signal during it forces exit. */
  const installSignalHandlers = () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.on(signal, () => {
        if (closing) {
          options.log.warn({ signal }, 'second signal during shutdown; exiting now');
          exit(1);
        }
        void shutdown(signal).then(() => exit(0));
      });
    }
  };

  return { shutdown, installSignalHandlers };
}
