// How a client authenticates, kept apart from requests: an AuthProvider adds headers and may be
// asked, once per request, to renew its credentials after a 401.

export interface AuthProvider {
  /** Headers to add to the next request (typically `authorization`). */
  headers(): Promise<Record<string, string>>;
  /**
   * Called after a 401 answered a request sent with `rejected` headers. Resolves true when
   * different credentials are now available, so the request may be sent once more.
   */
  renew?(rejected: Record<string, string>): Promise<boolean>;
  /** Secret values to mask wherever they might appear (errors, logs). */
  secrets(): string[];
}

/** A long-lived bearer token (PRA SCIM, PrivX access token). */
export function bearerAuth(token: string): AuthProvider {
  if (!token) throw new TypeError("bearer token is empty");
  return {
    headers: async () => ({ authorization: `Bearer ${token}` }),
    secrets: () => [token],
  };
}

/** A long-lived token in a header of the product's own (PAM360's `AUTHTOKEN: <token>`). */
export function headerTokenAuth(header: string, token: string): AuthProvider {
  if (!token) throw new TypeError(`${header} token is empty`);
  const name = header.toLowerCase();
  return {
    headers: async () => ({ [name]: token }),
    secrets: () => [token],
  };
}

/**
 * An `Authorization: Basic` value. OAuth token endpoints (RFC 6749 §2.3.1) want both parts
 * form-encoded first; plain HTTP Basic (RFC 7617) sends them as they are.
 */
export function basicAuthorization(user: string, password: string, options: { formEncode?: boolean } = {}): string {
  const [u, p] = options.formEncode ? [encodeURIComponent(user), encodeURIComponent(password)] : [user, password];
  return `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}`;
}

/** Plain HTTP Basic (PrivX SCIM "basic credential authentication"). */
export function basicAuth(user: string, password: string): AuthProvider {
  const value = basicAuthorization(user, password);
  return {
    headers: async () => ({ authorization: value }),
    secrets: () => [password, value.slice("Basic ".length)],
  };
}
