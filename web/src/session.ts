/** Who is signed in and the client that carries their token, for every component below the sign-in. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from './api.ts';
import type { WhoAmI } from './types.ts';

export interface Session {
  readonly client: ApiClient;
  readonly who: WhoAmI;
  /** Operator actions need the operator role (or admin); a viewer sees them disabled. */
  readonly canOperate: boolean;
  signOut(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside a signed-in page');
  return session;
}
