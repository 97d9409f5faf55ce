/**
 * JSON with comments and trailing commas, as tsconfig.json allows. Comments become spaces (line breaks
 * kept) and trailing commas are dropped, outside strings; the result goes through `JSON.parse`.
 */
export function parseJsonc(text: string): unknown {
  return JSON.parse(dropTrailingCommas(blankComments(text))) as unknown;
}

/** Calls `visit` for each character outside strings; characters inside strings are copied as they are. */
function scan(text: string, visit: (i: number) => { out: string; next: number }): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const step = visit(i);
    out += step.out;
    i = step.next;
  }
  return out;
}

function blankComments(text: string): string {
  return scan(text, (i) => {
    if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      return { out: ' '.repeat(stop - i), next: stop };
    }
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      return { out: text.slice(i, stop).replace(/[^\n]/g, ' '), next: stop };
    }
    return { out: text[i]!, next: i + 1 };
  });
}

function dropTrailingCommas(text: string): string {
  const closesNext = /\s*[}\]]/y;
  return scan(text, (i) => {
    closesNext.lastIndex = i + 1;
    return { out: text[i] === ',' && closesNext.test(text) ? ' ' : text[i]!, next: i + 1 };
  });
}
