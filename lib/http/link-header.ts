// RFC 8288 `Link` header parsing. PRA pages through `rel="next"`; other products use the same
// header. Splitting on commas alone is wrong: commas may appear inside <URI> and quoted values.

export interface LinkValue {
  /** Target URI, resolved against the base URL when one is given. */
  uri: string;
  /** Relation types, lower-cased (a link may carry several: rel="next last"). */
  rel: string[];
  /** Other parameters (title, type, ...), names lower-cased, quotes removed. */
  params: Record<string, string>;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
  return i;
}

/** Parses a quoted-string starting at `i` (on the opening quote): [value, index after it]. */
function quoted(text: string, i: number): [string, number] {
  let value = "";
  i++;
  while (i < text.length && text[i] !== '"') {
    if (text[i] === "\\" && i + 1 < text.length) i++;
    value += text[i];
    i++;
  }
  return [value, i + 1];
}

/** All links of a header value (several headers may be joined with ", "). Malformed parts are skipped. */
export function parseLinkHeader(header: string | undefined, baseUrl?: string): LinkValue[] {
  const links: LinkValue[] = [];
  if (!header) return links;
  let i = 0;
  while (i < header.length) {
    i = skipSpace(header, i);
    if (header[i] === ",") {
      i++;
      continue;
    }
    if (header[i] !== "<") {
      // Not a link-value: skip to the next comma outside quotes.
      while (i < header.length && header[i] !== ",") i = header[i] === '"' ? quoted(header, i)[1] : i + 1;
      continue;
    }
    const close = header.indexOf(">", i);
    if (close < 0) break;
    const target = header.slice(i + 1, close).trim();
    i = close + 1;
    const params: Record<string, string> = {};
    for (;;) {
      i = skipSpace(header, i);
      if (header[i] !== ";") break;
      i = skipSpace(header, i + 1);
      let name = "";
      while (i < header.length && /[^\s=;,]/.test(header[i])) name += header[i++];
      i = skipSpace(header, i);
      let value = "";
      if (header[i] === "=") {
        i = skipSpace(header, i + 1);
        if (header[i] === '"') [value, i] = quoted(header, i);
        else while (i < header.length && /[^\s;,]/.test(header[i])) value += header[i++];
      }
      name = name.toLowerCase();
      // RFC 8288 §3: occurrences after the first of a parameter are ignored.
      if (name && !(name in params)) params[name] = value;
    }
    let uri = target;
    if (baseUrl) {
      try {
        uri = new URL(target, baseUrl).toString();
      } catch {
        continue;
      }
    }
    const rel = (params.rel ?? "").toLowerCase().split(/\s+/).filter(Boolean);
    delete params.rel;
    links.push({ uri, rel, params });
  }
  return links;
}

/** The URI of the first link with relation `rel` ("next", "last", ...). "prev" and "previous" are treated alike. */
export function findLink(links: readonly LinkValue[], rel: string): string | undefined {
  const wanted = rel.toLowerCase();
  const aliases = wanted === "prev" || wanted === "previous" ? ["prev", "previous"] : [wanted];
  return links.find((link) => link.rel.some((r) => aliases.includes(r)))?.uri;
}
