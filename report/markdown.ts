// Small Markdown helpers: names and values go in code spans, so an e-mail address is not
// turned into a link and a `#` or `_` in a guest's userName stays literal.

export function code(text: string): string {
  const clean = text.replace(/\r?\n/g, " ");
  if (!clean.includes("`")) return `\`${clean}\``;
  const longestRun = Math.max(...(clean.match(/`+/g) ?? [""]).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  return `${fence} ${clean} ${fence}`;
}

/** "a, b, c and 12 more" */
export function limitedList(items: string[], max: number): string {
  const shown = items.slice(0, max).join(", ");
  const rest = items.length - max;
  return rest > 0 ? `${shown} and ${rest} more` : shown;
}

/** "`a`, `b`, `c` and 12 more" */
export const codeList = (names: string[], max: number): string => limitedList(names.map(code), max);

/** Plain text safe to put in Markdown prose. */
export function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>|~#]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}

/** Prefix every line with "> " (blank lines become ">"), as GitHub alert blocks need. */
export function quote(lines: string[]): string[] {
  return lines.map((line) => (line === "" ? ">" : `> ${line}`));
}
