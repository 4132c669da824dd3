import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/**
 * Local stand-ins for the services alert channels talk to, answering with
 * the real request paths, auth checks and reply shapes (including the error
 * shapes), on 127.0.0.1 ports picked by the OS.
 */

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  json: unknown;
}

export interface Canned {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeHttp {
  url: string;
  /** Every request, failures included. */
  requests: Recorded[];
  /** Answers for the next requests, used up in order before the normal behaviour. */
  failNext: Canned[];
  close(): Promise<void>;
}

async function startHttp(handle: (req: Recorded) => Canned): Promise<FakeHttp> {
  const fake: Omit<FakeHttp, 'url' | 'close'> = { requests: [], failNext: [] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let json: unknown = undefined;
      try {
        json = JSON.parse(raw);
      } catch {
        // Left undefined: the fake decides whether that is an error.
      }
      const recorded: Recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, json };
      fake.requests.push(recorded);
      const answer = fake.failNext.shift() ?? handle(recorded);
      const text = typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body);
      const type = typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
      res.writeHead(answer.status, { 'content-type': type, ...answer.headers }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---------------------------------------------------------------- Slack

export interface FakeSlack extends FakeHttp {
  /** The incoming-webhook URL; its path is the secret. */
  webhookUrl: string;
  secretPath: string;
  messages: { text: string; blocks: Record<string, unknown>[] }[];
}

/** An incoming webhook: 200 "ok", 404 "no_service" for an unknown path, 400 "invalid_payload" for a bad body. */
export async function startFakeSlack(): Promise<FakeSlack> {
  const secretPath = '/services/T0SECRET/B0SECRET/xoxSlackHookSecret42';
  const messages: FakeSlack['messages'] = [];
  const http = await startHttp((req) => {
    if (req.method !== 'POST' || req.path !== secretPath) return { status: 404, body: 'no_service' };
    const body = req.json;
    if (!isRecord(body) || typeof body.text !== 'string' || !Array.isArray(body.blocks) || body.blocks.length > 50) return { status: 400, body: 'invalid_payload' };
    for (const block of body.blocks) {
      if (!isRecord(block) || typeof block.type !== 'string') return { status: 400, body: 'invalid_payload' };
      const text = isRecord(block.text) ? block.text.text : undefined;
      if (block.type === 'header' && (typeof text !== 'string' || text.length > 150)) return { status: 400, body: 'invalid_payload' };
      if (typeof text === 'string' && text.length > 3000) return { status: 400, body: 'invalid_payload' };
    }
    messages.push(body as FakeSlack['messages'][number]);
    return { status: 200, body: 'ok' };
  });
  return Object.assign(http, { webhookUrl: `${http.url}${secretPath}`, secretPath, messages });
}

// ---------------------------------------------------------------- Telegram

export interface FakeTelegram extends FakeHttp {
  token: string;
  /** Chats the bot may write to; `blocked` ones answer 403 as when a user blocked the bot. */
  chats: Map<string, 'ok' | 'blocked'>;
  sent: { chat_id: string | number; text: string; parse_mode: string; disable_web_page_preview: boolean }[];
}

const TELEGRAM_TAG = /^<(\/?)(b|strong|i|em|u|ins|s|strike|del|code|pre|blockquote|tg-spoiler)>|^<a href="[^"<>]*">|^<\/a>/;
const TELEGRAM_ENTITY = /^&(lt|gt|amp|quot|#\d+);/;

/** What Telegram's HTML parse mode does: any `<` that is not a supported tag, or a bare `&`, refuses the message. */
export function telegramHtmlProblem(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const rest = text.slice(i, i + 300);
    if (text[i] === '<' && !TELEGRAM_TAG.test(rest)) return `Bad Request: can't parse entities: Unsupported start tag at byte offset ${i}`;
    if (text[i] === '&' && !TELEGRAM_ENTITY.test(rest)) return `Bad Request: can't parse entities: Unexpected end of name token at byte offset ${i}`;
  }
  return null;
}

export async function startFakeTelegram(token = '123456789:AAFakeTelegramBotTokenSecret_x'): Promise<FakeTelegram> {
  const chats = new Map<string, 'ok' | 'blocked'>();
  const sent: FakeTelegram['sent'] = [];
  const error = (status: number, description: string, parameters?: Record<string, number>): Canned => ({ status, body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) } });
  const http = await startHttp((req) => {
    const match = /^\/bot([^/]+)\/sendMessage$/.exec(req.path);
    if (!match) return error(404, 'Not Found');
    if (match[1] !== token) return error(401, 'Unauthorized');
    const body = req.json;
    if (!isRecord(body) || typeof body.text !== 'string' || (typeof body.chat_id !== 'string' && typeof body.chat_id !== 'number')) return error(400, 'Bad Request: message text is empty');
    const chat = chats.get(String(body.chat_id));
    if (!chat) return error(400, 'Bad Request: chat not found');
    if (chat === 'blocked') return error(403, 'Forbidden: bot was blocked by the user');
    if (body.parse_mode === 'HTML') {
      const problem = telegramHtmlProblem(body.text);
      if (problem) return error(400, problem);
    }
    if (body.text.length > 4096) return error(400, 'Bad Request: message is too long');
    sent.push(body as FakeTelegram['sent'][number]);
    return { status: 200, body: { ok: true, result: { message_id: sent.length, chat: { id: body.chat_id }, date: 1_790_000_000, text: body.text } } };
  });
  return Object.assign(http, { token, chats, sent });
}

/** The FloodWait answer Telegram gives when a bot sends too fast. */
export const telegramFloodWait = (seconds: number): Canned => ({
  status: 429,
  body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${seconds}`, parameters: { retry_after: seconds } },
});

// ---------------------------------------------------------------- Zendesk

export interface FakeZendesk extends FakeHttp {
  tickets: { id: number; subject: string; body: string; priority: string; tags: string[]; external_id: string }[];
}

/** POST /api/v2/tickets.json with "{email}/token:{token}" basic auth; replays the answer for a repeated Idempotency-Key. */
export async function startFakeZendesk(email: string, token: string): Promise<FakeZendesk> {
  const tickets: FakeZendesk['tickets'] = [];
  const byKey = new Map<string, number>();
  const expected = `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}`;
  let base = '';
  const answer = (id: number): Canned => ({ status: 201, body: { ticket: { id, url: `${base}/api/v2/tickets/${id}.json`, subject: tickets.find((t) => t.id === id)?.subject, status: 'new' } } });
  const http = await startHttp((req) => {
    if (req.method !== 'POST' || req.path !== '/api/v2/tickets.json') return { status: 404, body: { error: 'InvalidEndpoint' } };
    if (req.headers.authorization !== expected) return { status: 401, body: { error: 'Couldn\'t authenticate you' } };
    const key = req.headers['idempotency-key'];
    const seen = typeof key === 'string' ? byKey.get(key) : undefined;
    if (seen !== undefined) return answer(seen);
    const t = isRecord(req.json) && isRecord(req.json.ticket) ? req.json.ticket : null;
    const comment = t && isRecord(t.comment) ? t.comment : null;
    if (!t || typeof t.subject !== 'string' || !comment || typeof comment.body !== 'string' || !['low', 'normal', 'high', 'urgent'].includes(String(t.priority)) || !Array.isArray(t.tags)) {
      return { status: 422, body: { error: 'RecordInvalid', description: 'Record validation errors' } };
    }
    const id = 1000 + tickets.length + 1;
    tickets.push({ id, subject: t.subject, body: comment.body, priority: String(t.priority), tags: t.tags.map(String), external_id: String(t.external_id) });
    if (typeof key === 'string') byKey.set(key, id);
    return answer(id);
  });
  base = http.url;
  return Object.assign(http, { tickets });
}

// ---------------------------------------------------------------- Jira

export interface FakeJira extends FakeHttp {
  issues: { id: string; key: string; fields: Record<string, unknown> }[];
}

/** POST /rest/api/2/issue with the given Authorization header; answers { id, key, self } like Jira. */
export async function startFakeJira(project: string, authorization: string): Promise<FakeJira> {
  const issues: FakeJira['issues'] = [];
  let base = '';
  const http = await startHttp((req) => {
    if (req.method !== 'POST' || req.path !== '/rest/api/2/issue') return { status: 404, body: { errorMessages: ['Not found'] } };
    if (req.headers.authorization !== authorization) return { status: 401, body: { errorMessages: ['You are not authenticated.'] } };
    const fields = isRecord(req.json) && isRecord(req.json.fields) ? req.json.fields : null;
    const key = fields && isRecord(fields.project) ? fields.project.key : undefined;
    if (!fields || key !== project) return { status: 400, body: { errorMessages: [], errors: { project: 'project is required' } } };
    if (typeof fields.summary !== 'string' || fields.summary.length > 255 || /\n/.test(fields.summary)) return { status: 400, body: { errorMessages: [], errors: { summary: 'The summary is invalid' } } };
    if (!isRecord(fields.issuetype) || typeof fields.issuetype.name !== 'string') return { status: 400, body: { errorMessages: [], errors: { issuetype: 'valid issue type is required' } } };
    const id = String(10_000 + issues.length + 1);
    const issueKey = `${project}-${issues.length + 1}`;
    issues.push({ id, key: issueKey, fields });
    return { status: 201, body: { id, key: issueKey, self: `${base}/rest/api/2/issue/${id}` } };
  });
  base = http.url;
  return Object.assign(http, { issues });
}

// ---------------------------------------------------------------- SMTP

/** As the server got it: the envelope and the raw message (test/act/channels/mime.ts reads it). */
export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: string;
}

export interface SmtpFailure {
  stage: 'mail' | 'rcpt' | 'data';
  code: number;
  message: string;
}

export interface FakeSmtp {
  port: number;
  mails: ReceivedMail[];
  /** Replies for the next transactions, used up in order. */
  failNext: SmtpFailure[];
  /** Sessions that authenticated, by user name. */
  logins: string[];
  close(): Promise<void>;
}

function smtpError(f: SmtpFailure): Error {
  return Object.assign(new Error(f.message), { responseCode: f.code });
}

/** A real SMTP server in the test process: plain connection, AUTH optional (checked when given). */
export async function startFakeSmtp(credentials?: { user: string; pass: string }): Promise<FakeSmtp> {
  const fake: Omit<FakeSmtp, 'port' | 'close'> = { mails: [], failNext: [], logins: [] };
  const fail = (stage: SmtpFailure['stage']): Error | null => {
    const next = fake.failNext[0];
    if (next?.stage !== stage) return null;
    fake.failNext.shift();
    return smtpError(next);
  };
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    hideSTARTTLS: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (credentials && auth.username === credentials.user && auth.password === credentials.pass) {
        fake.logins.push(auth.username ?? '');
        callback(null, { user: auth.username });
      } else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onMailFrom(_address, _session, callback) {
      callback(fail('mail'));
    },
    onRcptTo(_address, _session, callback) {
      callback(fail('rcpt'));
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const failure = fail('data');
        if (failure) return callback(failure);
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        fake.mails.push({ envelope, raw });
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(fake, { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}

/** A TCP port that accepts and never says a word: an SMTP server that hangs before its greeting. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
