/**
 * Where the dashboard keeps its API token. `npm start` prints a URL with `#token=…`: the fragment never reaches
 * a server, and it is moved into localStorage at once so it leaves the address bar (and the history, and any
 * screenshot of the window) before anything else runs.
 */
const KEY = 'switchyard.token';
const FRAGMENT = /^#token=([^&]+)/;

export function takeTokenFromFragment(): void {
  const match = FRAGMENT.exec(window.location.hash);
  if (!match) return;
  localStorage.setItem(KEY, decodeURIComponent(match[1]!));
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/live`);
}

export const storedToken = (): string | null => localStorage.getItem(KEY);
export const storeToken = (token: string): void => localStorage.setItem(KEY, token);
export const forgetToken = (): void => localStorage.removeItem(KEY);
