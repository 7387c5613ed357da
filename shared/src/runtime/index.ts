export { createShutdown, type ShutdownTask } from './shutdown.js';
export { readStateTopic } from './state-topic.js';
export {
  busSink,
  indexSink,
  parseRecord,
  StageRunner,
  type PendingOutput,
  type Rejection,
  type Sink,
  type StageRunnerOptions,
} from './runner.js';
export { deadLetter, drop, ok, type Output, type Stage, type StepContext, type StepResult } from './step.js';
