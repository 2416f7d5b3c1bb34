/** No token (or a refused one): paste one. `npm start` prints a URL that signs in without this. */
import { useState } from 'preact/hooks';

export function SignIn({
  message,
  onToken,
}: {
  readonly message: string | null;
  readonly onToken: (token: string) => void;
}) {
  const [token, setToken] = useState('');
  return (
    <main class="signin">
      <form
        class="panel"
        data-testid="signin"
        onSubmit={(e) => {
          e.preventDefault();
          if (token.trim() !== '') onToken(token.trim());
        }}
      >
        <h1>Switchyard</h1>
        <p class="muted">
          Sign in with an API token. <code>npm start</code> prints a dashboard link that carries one; an admin
          makes others with <code>POST /api/v1/tokens</code>.
        </p>
        {message === null ? null : (
          <div class="error" role="alert" data-testid="signin-message">
            {message}
          </div>
        )}
        <label class="field">
          <span>Token</span>
          <input
            type="password"
            autocomplete="off"
            placeholder="sy_…"
            value={token}
            data-testid="signin-token"
            onInput={(e) => setToken(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary" data-testid="signin-submit">
          Sign in
        </button>
      </form>
    </main>
  );
}
