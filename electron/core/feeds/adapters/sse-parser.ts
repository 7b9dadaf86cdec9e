// Splits a Server-Sent Events byte stream into event data (per the WHATWG event-stream format), and reports
// comment lines, which servers send as heartbeats.

export class SseParser {
  private buffer = '';
  private dataLines: string[] = [];

  constructor(
    private readonly onData: (data: string) => void,
    private readonly onComment: () => void = () => undefined,
    /** An event larger than this is refused, so a broken server cannot grow memory without bound. */
    private readonly maxEventChars = 16 * 1024 * 1024,
  ) {}

  push(chunk: string): void {
    this.buffer += chunk;
    let start = 0;
    for (;;) {
      const newline = this.buffer.indexOf('\n', start);
      if (newline < 0) break;
      let line = this.buffer.slice(start, newline);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      start = newline + 1;
      this.line(line);
    }
    this.buffer = this.buffer.slice(start);
    if (this.buffer.length > this.maxEventChars) throw new Error('an SSE line exceeds the size limit');
  }

  private line(line: string): void {
    if (line === '') {
      if (this.dataLines.length > 0) {
        const data = this.dataLines.join('\n');
        this.dataLines = [];
        this.onData(data);
      }
      return;
    }
    if (line.startsWith(':')) return this.onComment();
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      this.dataLines.push(value);
      if (this.dataLines.reduce((sum, part) => sum + part.length, 0) > this.maxEventChars) {
        this.dataLines = [];
        throw new Error('an SSE event exceeds the size limit');
      }
    }
  }
}
