/** Just enough MIME to read what nodemailer writes: headers, encoded words, multipart, base64 and quoted-printable. */

function bytesOfQ(text: string, underscoreIsSpace: boolean): number[] {
  const bytes: number[] = [];
  const s = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < s.length; i++) {
    const hex = s.slice(i + 1, i + 3);
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (underscoreIsSpace && s[i] === '_') bytes.push(0x20);
    else bytes.push(...Buffer.from(s[i] ?? '', 'utf8'));
  }
  return bytes;
}

/** RFC 2047 encoded words; adjacent ones are joined as bytes first, so a split character survives. */
export function decodeHeader(value: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  return value.replace(/=\?[^?]+\?[BbQq]\?[^?]*\?=(?:\s+=\?[^?]+\?[BbQq]\?[^?]*\?=)*/g, (run) => {
    const bytes: number[] = [];
    for (const m of run.matchAll(word)) bytes.push(...(m[2]?.toUpperCase() === 'B' ? Buffer.from(m[3] ?? '', 'base64') : bytesOfQ(m[3] ?? '', true)));
    return Buffer.from(bytes).toString('utf8');
  });
}

function splitHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = at < 0 ? raw : raw.slice(0, at);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
    }
  }
  return { headers, body: at < 0 ? '' : raw.slice(at + 4) };
}

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding?.toLowerCase() === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding?.toLowerCase() === 'quoted-printable') return Buffer.from(bytesOfQ(body, false)).toString('utf8');
  return body;
}

function leafParts(raw: string): { type: string; content: string }[] {
  const { headers, body } = splitHeaders(raw);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const sections = body.split(`--${boundary}`).slice(1, -1);
    return sections.flatMap((s) => leafParts(s.replace(/^\r\n/, '')));
  }
  return [{ type: type.toLowerCase(), content: decodeBody(body, headers.get('content-transfer-encoding')).replace(/\r\n/g, '\n') }];
}

export function parseMail(raw: string): { headers: Map<string, string>; subject: string; text: string; html: string } {
  const { headers } = splitHeaders(raw);
  const parts = leafParts(raw);
  return {
    headers,
    subject: decodeHeader(headers.get('subject') ?? ''),
    text: parts.find((p) => p.type.startsWith('text/plain'))?.content.trimEnd() ?? '',
    html: parts.find((p) => p.type.startsWith('text/html'))?.content.trimEnd() ?? '',
  };
}
