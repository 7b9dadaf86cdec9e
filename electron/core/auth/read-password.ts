// Reads a password for the `user` CLI from standard input or a terminal prompt without echo — never from the
// command line, where every user of the machine sees it in `ps`.
import type { Readable, Writable } from 'node:stream';

/** Standard input as the CLI sees it: a terminal offers raw mode (no echo). */
export type PasswordInput = Readable & { isTTY?: boolean; setRawMode?: (isRaw: boolean) => unknown };

/** The first line of everything piped in (`printf '%s\n' "$PASSWORD" | tianmu user passwd …`). */
export async function readPasswordFromStream(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(buffer);
    size += buffer.length;
    // Nobody pipes a megabyte as a password: stop reading instead of holding it.
    if (size > 64 * 1024) throw new Error('standard input holds more than a password');
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const newline = text.search(/\r?\n/);
  return newline === -1 ? text : text.slice(0, newline);
}

/** Prompts on a terminal with echo off; Ctrl+C or Ctrl+D abandon. */
export function promptPassword(input: PasswordInput, output: Writable, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!input.isTTY || !input.setRawMode)
      return reject(
        new Error('standard input is not a terminal: give --password-stdin and pipe the password'),
      );
    output.write(prompt);
    input.setRawMode(true);
    input.resume();
    let typed = '';
    const finish = (error: Error | null) => {
      input.setRawMode?.(false);
      input.pause();
      input.off('data', onData);
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string) => {
      for (const character of String(chunk)) {
        if (character === '\r' || character === '\n') return finish(null);
        if (character === '\u0003' || character === '\u0004') return finish(new Error('abandoned'));
        if (character === '\u007f' || character === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += character;
      }
    };
    input.on('data', onData);
  });
}
