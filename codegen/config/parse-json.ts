import { CodegenError } from '../errors';

/** `JSON.parse` whose syntax errors carry the file, line and column. */
export function parseJson(text: string, file: string, subject?: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message);
    const location: { file: string; line?: number; column?: number; subject?: string } = { file };
    if (subject !== undefined) location.subject = subject;
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      location.line = before.split('\n').length;
      location.column = before.length - before.lastIndexOf('\n');
    }
    throw new CodegenError(
      'INVALID_JSON',
      `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
      location,
    );
  }
}
