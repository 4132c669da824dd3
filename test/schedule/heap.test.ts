import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKER_HEAP_MB, heapAlreadySet, workerHeapArgs } from '../../bin/worker-heap.mjs';

describe('worker heap cap', () => {
  it('caps the heap by default, follows REPWATCH_MAX_HEAP_MB, and 0 leaves it to V8', () => {
    expect(workerHeapArgs({})).toEqual([`--max-old-space-size=${DEFAULT_WORKER_HEAP_MB}`]);
    expect(workerHeapArgs({ REPWATCH_MAX_HEAP_MB: '512' })).toEqual(['--max-old-space-size=512']);
    expect(workerHeapArgs({ REPWATCH_MAX_HEAP_MB: '0' })).toEqual([]);
    expect(workerHeapArgs({ REPWATCH_MAX_HEAP_MB: 'lots' })).toEqual([]);
  });

  it('does not override a heap size the user chose', () => {
    expect(heapAlreadySet(['--max-old-space-size=1024'], '')).toBe(true);
    expect(heapAlreadySet([], '--max-old-space-size=2048')).toBe(true);
    expect(heapAlreadySet(['--import', 'tsx'], '')).toBe(false);
  });
});
