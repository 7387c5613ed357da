export type { Bus, BusRecord, BatchHandler, ConsumeOptions, ConsumedRecord, Subscription } from './bus.js';
export { KafkaBus, type KafkaBusOptions } from './kafka-bus.js';
export { MemoryBus } from './memory-bus.js';
