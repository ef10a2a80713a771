/**
 * Who may see an item (privacy_level) and what AI may do with it (ai_usage), each a radio group with a plain
 * sentence per choice (PRIVACY_CHOICES, AI_USAGE_CHOICES), so the user knows what they agree to without docs.
 */
import { useId } from 'react';
import type { AiUsage, PrivacyLevel } from '../../../shared/schemas';

export const PRIVACY_CHOICES: { value: PrivacyLevel; label: string; explain: string }[] = [
  { value: 'private', label: 'Private', explain: 'Only you, on your own devices. It is never shared.' },
  {
    value: 'circles',
    label: 'Circles',
    explain: 'You and the circles you share it with. The relay in between only ever holds it encrypted.',
  },
  { value: 'public', label: 'Public', explain: 'Anyone you share or publish it to can read it.' },
];

export const AI_USAGE_CHOICES: { value: AiUsage; label: string; explain: string }[] = [
  { value: 'none', label: 'No AI', explain: 'No AI model ever reads it. It still shows up in your own search.' },
  {
    value: 'chat',
    label: 'Answers',
    explain: 'Your assistant may read it to answer your questions, with the model you chose in Settings.',
  },
  { value: 'train', label: 'Answers and training', explain: 'As Answers, and it may also be used to tune or train models.' },
];

export interface PrivacySelectorProps {
  privacyLevel: PrivacyLevel;
  aiUsage: AiUsage;
  /** Called with the one field that changed. */
  onChange: (change: { privacyLevel?: PrivacyLevel; aiUsage?: AiUsage }) => void;
  disabled?: boolean;
}

export function PrivacySelector({ privacyLevel, aiUsage, onChange, disabled }: PrivacySelectorProps) {
  return (
    <div className="privacy-selector">
      <ChoiceGroup
        legend="Who can see this"
        choices={PRIVACY_CHOICES}
        value={privacyLevel}
        disabled={disabled}
        onChange={(v) => onChange({ privacyLevel: v })}
      />
      <ChoiceGroup
        legend="What AI may do with it"
        choices={AI_USAGE_CHOICES}
        value={aiUsage}
        disabled={disabled}
        onChange={(v) => onChange({ aiUsage: v })}
      />
    </div>
  );
}

/** Choices side by side as real radio buttons; the chosen one's explanation sits below, the others' in a tooltip. */
function ChoiceGroup<T extends string>(props: {
  legend: string;
  choices: { value: T; label: string; explain: string }[];
  value: T;
  disabled?: boolean;
  onChange: (value: T) => void;
}) {
  const name = useId();
  const chosen = props.choices.find((c) => c.value === props.value);
  return (
    <fieldset className="choice-group" disabled={props.disabled} aria-describedby={`${name}-explain`}>
      <legend>{props.legend}</legend>
      <div className="choice-row">
        {props.choices.map((c) => (
          <label key={c.value} className="choice" title={c.explain}>
            <input type="radio" name={name} value={c.value} checked={props.value === c.value} onChange={() => props.onChange(c.value)} />
            <span className="choice-label">{c.label}</span>
          </label>
        ))}
      </div>
      <p className="choice-explain" id={`${name}-explain`} aria-live="polite">
        {chosen?.explain}
      </p>
    </fieldset>
  );
}
