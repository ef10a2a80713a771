/** `baseUrl` + `endpoint`, unless the configured URL already names the endpoint. */
export function endpointUrl(baseUrl: string, endpoint: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return base.endsWith(endpoint) ? base : `${base}${endpoint}`;
}

/** `host[:port]` for provider ids. */
export function hostOf(url: string): string {
  return new URL(url).host;
}
