/** Fixed 80/20 split by a hash of the example id: the 20% is never used for tuning. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export type Part = 'all' | 'train' | 'test';

export function inPart(id: string, part: Part): boolean {
  if (part === 'all') return true;
  const test = fnv1a(id) % 5 === 0;
  return part === 'test' ? test : !test;
}
