/**
 * A bounded cache of per-word work keyed by a range of the text being
 * scanned: a hit costs a hash over the range and one comparison, with no
 * substring made and no string hashed by the engine's Map. Open addressing
 * with linear probing; when it fills up it starts over (a long-running
 * monitor stays flat, and the words that matter come back at once).
 */
export class WordCache<V> {
  private readonly keys: Array<string | undefined>;
  private readonly values: Array<V | undefined>;
  private readonly hashes: Int32Array;
  private readonly mask: number;
  private readonly maxEntries: number;
  private count = 0;

  constructor(maxEntries = 50_000) {
    let capacity = 16;
    while (capacity < maxEntries * 2) capacity *= 2;
    this.keys = new Array<string | undefined>(capacity).fill(undefined);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
    this.hashes = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.maxEntries = maxEntries;
  }

  get size(): number {
    return this.count;
  }

  /** FNV-1a over text[start, end). */
  static hash(text: string, start: number, end: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return h;
  }

  get(text: string, start: number, end: number, hash: number): V | undefined {
    const len = end - start;
    let slot = hash & this.mask;
    for (;;) {
      const key = this.keys[slot];
      if (key === undefined) return undefined;
      if (this.hashes[slot] === hash && key.length === len && text.startsWith(key, start)) return this.values[slot];
      slot = (slot + 1) & this.mask;
    }
  }

  /** Store a value for `key` (= text[start, end) of a missed get), with the same hash. */
  set(key: string, hash: number, value: V): void {
    if (this.count >= this.maxEntries) this.clear();
    let slot = hash & this.mask;
    while (this.keys[slot] !== undefined) {
      if (this.keys[slot] === key) {
        this.values[slot] = value;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
    this.keys[slot] = key;
    this.values[slot] = value;
    this.hashes[slot] = hash;
    this.count++;
  }

  clear(): void {
    this.keys.fill(undefined);
    this.values.fill(undefined);
    this.count = 0;
  }
}
