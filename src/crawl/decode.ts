const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i;

/**
 * Saved pages come in whatever encoding the site used (Otzovik and iRecommend
 * still serve windows-1251): BOM first, then a declared charset, then UTF-8.
 */
export function decodeBody(bytes: Uint8Array, contentTypeCharset?: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  const declared = contentTypeCharset ?? META_CHARSET.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 4096)))?.[1];
  if (declared) {
    try {
      return new TextDecoder(declared.toLowerCase()).decode(bytes);
    } catch {
      // An unknown label falls through to UTF-8 rather than failing the page.
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}
