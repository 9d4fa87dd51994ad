import { adaptiveCard, execute, heading, textBlock, type AdaptiveCard } from './adaptive-card.js';
import { PRIVACY_CANCEL_VERB } from './erase-confirm-card.js';

/** The picker's verb and input (src/bot/privacy/handlers.ts parses them): the chosen person's id. */
export const PRIVACY_PICK_VERB = 'privacy.pick';
export const PRIVACY_PICK_INPUT = 'personId';

export interface RemovePersonPickerModel {
  title: string;
  intro: string;
  /** Why the picker is shown instead of the confirmation (nobody or several matched what was typed). */
  note?: string | undefined;
  label: string;
  placeholder: string;
  /** The people who may be picked, already without the leader asking (nobody removes themselves). */
  people: ReadonlyArray<{ id: string; label: string }>;
  next: string;
  cancel: string;
}

/** A choice's title is cut to this many characters (Teams truncates long ones anyway). */
const CHOICE_TITLE_MAX = 100;

/**
 * "ta bort" without a name the roster recognises (the help entry's "ta bort <namn>" typed as it stands, a typo, or a
 * name several people share): leadership picks the person from the roster (type-ahead), then gets the confirmation
 * card for them. Nothing is removed from this card.
 */
export function removePersonPickerCard(model: RemovePersonPickerModel): AdaptiveCard {
  return adaptiveCard(
    [
      heading(model.title),
      ...(model.note ? [textBlock(model.note, { color: 'Attention' })] : []),
      textBlock(model.intro, { isSubtle: true }),
      {
        type: 'Input.ChoiceSet',
        id: PRIVACY_PICK_INPUT,
        label: model.label,
        // The roster has more people than a dropdown shows: type-ahead.
        style: 'filtered',
        isRequired: true,
        errorMessage: model.placeholder,
        placeholder: model.placeholder,
        // Choice titles are shown as they are (no markdown): names need no escaping here.
        choices: model.people.map((p) => ({ title: p.label.slice(0, CHOICE_TITLE_MAX), value: p.id })),
      },
    ],
    [execute(model.next, PRIVACY_PICK_VERB, {}, { style: 'positive' }), execute(model.cancel, PRIVACY_CANCEL_VERB, {})],
  );
}
