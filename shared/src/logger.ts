import { destination, pino, transport, type Logger } from 'pino';

export type { Logger };

/**
 * The one pino root. JSON to stderr (stdout belongs to the JSON-lines filters), secrets redacted,
 * pretty output only when asked for (development).
 */
export function createLogger(options: { level: string; pretty?: boolean; name?: string }): Logger {
  return pino(
    {
      name: options.name ?? 'arabic-news',
      level: options.level,
      redact: {
        paths: ['password', '*.password', 'apiKey', '*.apiKey', 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
    },
    options.pretty ? transport({ target: 'pino-pretty', options: { destination: 2, colorize: true } }) : destination(2),
  );
}
