// Small DOM helpers shared by the views.

/** True when keys typed here belong to a text field (its own undo, its own Backspace). */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
  }
  return false;
}

/** True while a modal dialog is open: global shortcuts wait until it closes. */
export function modalOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

/** The entry id of the element (or its nearest entry ancestor), if it is inside an entry. */
export function entryIdOf(target: EventTarget | null): string | null {
  if (!target || typeof (target as HTMLElement).closest !== 'function') return null;
  return (target as HTMLElement).closest<HTMLElement>('[data-entry-id]')?.dataset.entryId ?? null;
}
