// A few DOM helpers: build elements once, then update only what changed (text, attributes), so a
// re-render keeps focus and does not flicker.

type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  id?: string;
  attrs?: Record<string, string>;
  text?: string;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.id) el.id = props.id;
  if (props.attrs) for (const [k, v] of Object.entries(props.attrs)) el.setAttribute(k, v);
  if (props.text !== undefined) el.textContent = props.text;
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

export function setAttr(el: Element, name: string, value: string | null): void {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) {
    el.setAttribute(name, value);
  }
}

export function setHidden(el: HTMLElement, hidden: boolean): void {
  if (el.hidden !== hidden) el.hidden = hidden;
}

export function setDisabled(
  el: HTMLButtonElement | HTMLInputElement | HTMLSelectElement,
  disabled: boolean,
): void {
  if (el.disabled !== disabled) el.disabled = disabled;
}

/** Replaces the children of a list only when their texts changed. */
export function setListItems(list: HTMLElement, items: Array<{ text: string; className?: string }>): void {
  const key = JSON.stringify(items);
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.replaceChildren(
    ...items.map((item) =>
      h('li', { ...(item.className ? { class: item.className } : {}), text: item.text }),
    ),
  );
}

/** m:ss of a number of seconds. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
