/** Checks the settings forms make of a server address before the engine sees it. */

export const isHttpUrl = (s: string) => {
  try {
    return /^https?:$/.test(new URL(s).protocol);
  } catch {
    return false;
  }
};

/** What is wrong with a provider's address: not http(s), or with a user name and password in it; else undefined. */
export function providerUrlError(url: string): string | undefined {
  if (!isHttpUrl(url)) return 'Write the full address, starting with http:// or https://';
  if (/^[a-z]+:\/\/[^/?#]*@/i.test(url)) return 'Leave the user name and password out of the address';
  return undefined;
}
