/**
 * A hash multimap from 32-bit keys to slot numbers in typed arrays (chained buckets): ~12 bytes per entry
 * where a JavaScript Map of arrays costs ten times that. Entries are only added; the owner rebuilds the
 * whole map to drop entries (see DedupIndex.evictExpired).
 */
export class IntMultiMap {
  private heads: Int32Array;
  private keys: Uint32Array;
  private slots: Int32Array;
  private next: Int32Array;
  private count = 0;

  constructor(capacity = 1024) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(16, capacity)));
    this.heads = new Int32Array(size).fill(-1);
    this.keys = new Uint32Array(size);
    this.slots = new Int32Array(size);
    this.next = new Int32Array(size);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the typed arrays. */
  get bytes(): number {
    return this.heads.byteLength + this.keys.byteLength + this.slots.byteLength + this.next.byteLength;
  }

  add(key: number, slot: number): void {
    if (this.count === this.keys.length) this.grow();
    const entry = this.count++;
    const bucket = key & (this.heads.length - 1);
    this.keys[entry] = key;
    this.slots[entry] = slot;
    this.next[entry] = this.heads[bucket]!;
    this.heads[bucket] = entry;
  }

  /** Calls `visit` with every slot stored under `key` (newest first); stops when it returns true. */
  find(key: number, visit: (slot: number) => boolean | void): void {
    for (let entry = this.heads[key & (this.heads.length - 1)]!; entry !== -1; entry = this.next[entry]!) {
      if (this.keys[entry] === key && visit(this.slots[entry]!) === true) return;
    }
  }

  private grow(): void {
    const size = this.keys.length * 2;
    const keys = new Uint32Array(size);
    keys.set(this.keys);
    const slots = new Int32Array(size);
    slots.set(this.slots);
    this.keys = keys;
    this.slots = slots;
    this.next = new Int32Array(size);
    this.heads = new Int32Array(size).fill(-1);
    for (let entry = 0; entry < this.count; entry += 1) {
      const bucket = this.keys[entry]! & (size - 1);
      this.next[entry] = this.heads[bucket]!;
      this.heads[bucket] = entry;
    }
  }
}
