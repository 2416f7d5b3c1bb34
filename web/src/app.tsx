/**
 * The root: a token (from the fragment, localStorage or the sign-in form) → whoami → the signed-in page. A 401
 * on any call drops the token and returns here with the server's message.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { type ApiFailure, createClient } from './api.ts';
import { forgetToken, storedToken, storeToken } from './auth.ts';
import { ErrorNote } from './components/ErrorNote.tsx';
import { FeedProvider } from './feed.tsx';
import { asFailure } from './hooks.ts';
import { type Session, SessionContext } from './session.ts';
import type { WhoAmI } from './types.ts';
import { Shell } from './views/Shell.tsx';
import { SignIn } from './views/SignIn.tsx';

export function App() {
  const [token, setToken] = useState(storedToken);
  const [signInMessage, setSignInMessage] = useState<string | null>(null);
  const [who, setWho] = useState<WhoAmI | null>(null);
  const [whoFailure, setWhoFailure] = useState<ApiFailure | null>(null);

  const session = useMemo(() => {
    if (token === null) return null;
    const signOut = (message: string | null) => {
      forgetToken();
      setSignInMessage(message);
      setWho(null);
      setToken(null);
    };
    return { client: createClient(token, (failure) => signOut(failure.message)), signOut };
  }, [token]);

  useEffect(() => {
    if (session === null) return;
    setWhoFailure(null);
    session.client.get<WhoAmI>('/whoami').then(setWho, (error: unknown) => setWhoFailure(asFailure(error)));
  }, [session]);

  if (session === null)
    return (
      <SignIn
        message={signInMessage}
        onToken={(next) => {
          storeToken(next);
          setSignInMessage(null);
          setToken(next);
        }}
      />
    );
  if (who === null)
    return (
      <main class="signin">
        {whoFailure === null ? (
          <p class="muted">Signing in…</p>
        ) : (
          <ErrorNote failure={whoFailure} testId="whoami-error" />
        )}
      </main>
    );
  const value: Session = {
    client: session.client,
    who,
    canOperate: who.role !== 'viewer',
    signOut: () => session.signOut(null),
  };
  return (
    <SessionContext.Provider value={value}>
      <FeedProvider client={session.client}>
        <Shell />
      </FeedProvider>
    </SessionContext.Provider>
  );
}
