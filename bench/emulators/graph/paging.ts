// Graph's server-driven paging: a page of at most $top items and an @odata.nextLink that repeats
// the request's query with an opaque $skiptoken. The token means something only to the server
// that issued it, for the request it was issued for, so a client must follow the link verbatim.
import { randomBytes } from "node:crypto";

interface PagePosition {
  /** Path and query (without $skiptoken) the token belongs to. */
  request: string;
  offset: number;
}

export class PageTokens {
  private positions = new Map<string, PagePosition>();

  issue(request: string, offset: number): string {
    // Real tokens look like base64 blobs ("RFNwdAIAAQAAAC..."); only their opacity matters here.
    const token = `RFNwdAIA${randomBytes(18).toString("base64url")}`;
    this.positions.set(token, { request, offset });
    return token;
  }

  /** The offset a token stands for, or undefined when it is unknown or belongs to another request. */
  offsetOf(token: string, request: string): number | undefined {
    const position = this.positions.get(token);
    return position && position.request === request ? position.offset : undefined;
  }
}

/** The query without $skiptoken, in Graph's nextLink style: `$`, `,` and `'` left readable. */
export function queryWithoutSkipToken(query: URLSearchParams): string {
  const parts: string[] = [];
  for (const [key, value] of query) {
    if (key === "$skiptoken") continue;
    const encoded = encodeURIComponent(value).replace(/%24/g, "$").replace(/%2C/gi, ",").replace(/%27/g, "'");
    parts.push(`${key}=${encoded}`);
  }
  return parts.join("&");
}
