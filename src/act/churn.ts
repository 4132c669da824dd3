/**
 * How likely this customer is to leave, 0–1, shown on the task so the team
 * calls the riskiest first. A transparent weighted sum, not a model: the
 * rating says most, then how negative the text is, how much the customer is
 * worth, and whether this is a pattern.
 */
export function churnRisk(input: { rating: number | null; sentimentScore: number | null; lifetimeValue: number | null; vipLifetimeValue: number; previousNegatives: number }): number {
  const rating = input.rating === null ? 0.5 : Math.min(1, Math.max(0, (5 - input.rating) / 4));
  const sentiment = input.sentimentScore === null ? 0.3 : Math.min(1, Math.max(0, -input.sentimentScore));
  const value = input.lifetimeValue === null ? 0.3 : Math.min(1, input.lifetimeValue / Math.max(1, input.vipLifetimeValue));
  const repeated = Math.min(1, input.previousNegatives / 2);
  const risk = 0.4 * rating + 0.25 * sentiment + 0.2 * value + 0.15 * repeated;
  return Math.round(risk * 100) / 100;
}
