// What an @azure/identity failure says, whichever of its error classes carries it: the OAuth
// error, the AADSTS codes and a one-line description (the text Entra ID wrote, never a request).
import { AggregateAuthenticationError, AuthenticationError, AuthenticationRequiredError, CredentialUnavailableError } from "@azure/identity";
import { EntraError } from "./errors";

export interface IdentityFailure {
  credentialError: string;
  /** OAuth error (invalid_client, unauthorized_client, ...), when the token endpoint answered. */
  error?: string;
  aadErrorCodes?: number[];
  status?: number;
  correlationId?: string;
  description: string;
}

/** MSAL's ServerError, the usual `cause` of an AuthenticationRequiredError. */
interface MsalServerError {
  errorCode?: string;
  errorNo?: string | number;
  status?: number;
  correlationId?: string;
  errorMessage?: string;
}

/** The AADSTS sentence of a message, else its first line, without trace and timestamp noise. */
export function describeIdentityMessage(message: string): string {
  const aadsts = /AADSTS\d+:.*?(?=\s*(?:Trace ID:|Correlation ID:|Timestamp:|\r|\n|$))/.exec(message);
  return (aadsts?.[0] ?? message.split(/\r?\n/)[0]).trim();
}

const aadstsCodes = (text: string) => [...new Set([...text.matchAll(/AADSTS(\d+)/g)].map((m) => Number(m[1])))];

/** An EntraError raised by our own code inside a credential (e.g. an unreadable token file). */
export function ownErrorInside(err: unknown): EntraError | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof EntraError) return e;
  }
  return undefined;
}

export function identityFailure(err: unknown): IdentityFailure | undefined {
  if (err instanceof AuthenticationError) {
    const response = err.errorResponse;
    return {
      credentialError: err.name,
      error: response?.error,
      aadErrorCodes: response?.errorCodes ?? aadstsCodes(response?.errorDescription ?? err.message),
      status: err.statusCode,
      correlationId: response?.correlationId,
      description: describeIdentityMessage(response?.errorDescription ?? err.message),
    };
  }
  if (err instanceof AuthenticationRequiredError) {
    const server = (err.cause ?? {}) as MsalServerError;
    const codes = server.errorNo !== undefined && /^\d+$/.test(String(server.errorNo)) ? [Number(server.errorNo)] : aadstsCodes(err.message);
    return {
      credentialError: err.name,
      error: server.errorCode,
      aadErrorCodes: codes,
      status: server.status,
      correlationId: server.correlationId,
      description: describeIdentityMessage(server.errorMessage ?? err.message),
    };
  }
  if (err instanceof AggregateAuthenticationError) {
    const messages = (err.errors as unknown[]).map((e) => describeIdentityMessage((e as Error)?.message ?? String(e)));
    return { credentialError: err.name, aadErrorCodes: aadstsCodes(err.message), description: messages.join(" | ") || describeIdentityMessage(err.message) };
  }
  if (err instanceof CredentialUnavailableError) {
    return { credentialError: err.name, aadErrorCodes: aadstsCodes(err.message), description: describeIdentityMessage(err.message) };
  }
  return undefined;
}
