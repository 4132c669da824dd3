import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedAlert {
  idempotencyKey: string;
  body: Record<string, unknown>;
  signatureValid: boolean | null;
}

export interface WebhookSink {
  url: string;
  /** Unique alerts, by Idempotency-Key: a resent alert is acknowledged but not counted twice. */
  received: ReceivedAlert[];
  /** Every POST, repeats included. */
  requests: number;
  /** Answer with this status instead of 200 (an endpoint that is down). */
  failWith: number | null;
  server: Server;
  close(): Promise<void>;
}

function verify(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A local webhook receiver, shaped like a real one: dedupes on Idempotency-Key and checks the HMAC. */
export async function startWebhookSink(secret: string | null = null): Promise<WebhookSink> {
  const seen = new Set<string>();
  const sink: Omit<WebhookSink, 'url' | 'server' | 'close'> = { received: [], requests: 0, failWith: null };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      sink.requests++;
      if (sink.failWith) {
        res.writeHead(sink.failWith).end();
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const key = String(req.headers['idempotency-key'] ?? '');
      const signature = req.headers['x-repwatch-signature'];
      const timestamp = String(req.headers['x-repwatch-timestamp'] ?? '');
      const signatureValid = secret && typeof signature === 'string' ? verify(secret, timestamp, raw, signature) : null;
      if (secret && !signatureValid) {
        res.writeHead(401).end();
        return;
      }
      if (key && !seen.has(key)) {
        seen.add(key);
        sink.received.push({ idempotencyKey: key, body: JSON.parse(raw) as Record<string, unknown>, signatureValid });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(sink as WebhookSink, {
    url: `http://127.0.0.1:${port}/hook`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
