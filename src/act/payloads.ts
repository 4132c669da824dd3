/**
 * What an alert carries, by kind. Channels format these; the webhook sends them
 * as they are, so they are part of the public contract (see README, "Alerts").
 */
export interface MentionSummary {
  id: number;
  source: string;
  target: string;
  url: string | null;
  author: string | null;
  rating: number | null;
  title: string | null;
  text: string;
  published_at: string | null;
}

export interface MentionFlaggedPayload {
  rule: string;
  priority: string;
  reasons: string[];
  task_id: number | null;
  mention: MentionSummary;
  sentiment: { label: string; score: number | null; lang: string };
  customer?: { id: number; name: string; confidence: number } | null;
}

export interface DigestPayload {
  /** Hourly or daily window the items fell in. */
  window: { from: string; to: string; every: 'hourly' | 'daily' };
  items: MentionFlaggedPayload[];
}

export interface SourceHealthPayload {
  target: string;
  source: string;
  from: string;
  to: string;
  error: string | null;
}

export interface VolumePayload {
  target: string;
  negatives: number;
  window_hours: number;
  threshold: number;
}

export interface RatingDropPayload {
  target: string;
  average_before: number;
  average_now: number;
  drop: number;
}

export interface SlaBreachPayload {
  task_id: number;
  due_at: string;
  priority: string;
  status: string;
  mention: MentionSummary;
}

export type AlertKind = 'mention_flagged' | 'digest' | 'source_health' | 'volume' | 'rating_drop' | 'sla_breach';
