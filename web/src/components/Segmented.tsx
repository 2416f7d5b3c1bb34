/** A row of mutually exclusive buttons (mode, window, run kind): the chosen one is pressed. */
export function Segmented<T extends string>(props: {
  readonly options: readonly { readonly id: T; readonly label: string }[];
  readonly value: T;
  readonly onChange: (id: T) => void;
  readonly testIdPrefix: string;
  readonly disabled?: boolean;
  readonly label: string;
}) {
  return (
    <fieldset class="segmented" aria-label={props.label}>
      {props.options.map((option) => (
        <button
          key={option.id}
          type="button"
          aria-pressed={option.id === props.value}
          disabled={props.disabled}
          data-testid={`${props.testIdPrefix}-${option.id}`}
          onClick={() => option.id !== props.value && props.onChange(option.id)}
        >
          {option.label}
        </button>
      ))}
    </fieldset>
  );
}
