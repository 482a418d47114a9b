import * as oauth from 'oauth4webapi';
import { isLoopbackUrl } from './config';

export const HTTP_TIMEOUT_MS = 30_000;

/**
 * Request options for oauth4webapi. It refuses plain http, which is right for Hubstaff; the
 * one exception is a loopback host (the simulator), so production stays https-only.
 */
export function oauthRequestOptions(target: string | URL, fetchImpl?: typeof fetch): {
  signal: AbortSignal;
  [oauth.allowInsecureRequests]?: boolean;
  [oauth.customFetch]?: typeof fetch;
} {
  const opts: { signal: AbortSignal; [oauth.allowInsecureRequests]?: boolean; [oauth.customFetch]?: typeof fetch } = {
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  };
  if (new URL(target).protocol === 'http:' && isLoopbackUrl(target)) opts[oauth.allowInsecureRequests] = true;
  if (fetchImpl) opts[oauth.customFetch] = fetchImpl;
  return opts;
}
