/**
 * A refusal from the API, shown where it happened. A bad request lists each field with its problem and fix
 * (the server's message is those same issues run together, so it is not repeated); anything else shows its
 * message.
 */
import type { ApiFailure } from '../api.ts';

export function ErrorNote({
  failure,
  testId,
}: {
  readonly failure: ApiFailure | null | undefined;
  readonly testId?: string;
}) {
  if (failure === null || failure === undefined) return null;
  return (
    <div class="error" role="alert" data-testid={testId} data-code={failure.code}>
      {failure.issues.length === 0 ? (
        failure.message
      ) : (
        <>
          <div>Not accepted:</div>
          <ul>
            {failure.issues.map((issue) => (
              <li key={issue.field}>
                <code>{issue.field}</code> {issue.problem}. <span class="fix">Fix: {issue.fix}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
