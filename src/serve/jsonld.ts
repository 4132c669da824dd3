import type { PublicReview } from './marketing-query.ts';

/**
 * JSON that is safe inside <script type="application/ld+json">: `<`, `>` and
 * `&` become \u escapes so review text can never close the script element
 * ("</script>" → "\u003c/script>"), and U+2028/2029 cannot break older parsers.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** schema.org Organization with its AggregateRating and the approved reviews as Review items. */
export function reviewsJsonLd(brand: string, aggregate: { rating_value: number | null; review_count: number }, reviews: PublicReview[]) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name: brand,
    ...(aggregate.rating_value !== null && aggregate.review_count > 0
      ? { aggregateRating: { '@type': 'AggregateRating', ratingValue: aggregate.rating_value, reviewCount: aggregate.review_count, bestRating: 5, worstRating: 1 } }
      : {}),
    review: reviews.map((r) => ({
      '@type': 'Review',
      author: { '@type': 'Person', name: r.author ?? 'Anonymous' },
      ...(r.published_at ? { datePublished: r.published_at.slice(0, 10) } : {}),
      ...(r.title ? { name: r.title } : {}),
      reviewBody: r.text,
      ...(r.url ? { url: r.url } : {}),
      ...(r.rating !== null ? { reviewRating: { '@type': 'Rating', ratingValue: r.rating, bestRating: 5, worstRating: 1 } } : {}),
    })),
  };
}
