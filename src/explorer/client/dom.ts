// Small DOM helpers shared by the views.

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

export type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener | ((e: any) => unknown)>;

function append(el: Element, children: Child[]): void {
  for (const child of children) {
    if (Array.isArray(child)) append(el, child);
    else if (child !== null && child !== undefined && child !== false) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** an element with attributes (on… are listeners, text is textContent) and children; null children are left out */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = String(value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value as EventListener);
    else if (key === 'text') el.textContent = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** replaces an element's children; unlike replaceChildren, a null child is left out (it would print "null") */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** a search snippet with 【…】 around each occurrence, as <mark> */
export function snippet(text: string): HTMLElement {
  const out = h('span', { class: 'snippet' });
  for (const [i, part] of text.split(/[【】]/).entries()) out.append(i % 2 ? h('mark', {}, part) : part);
  return out;
}

export function status(text: string, isError = false): void {
  $('status').textContent = text;
  $('status').classList.toggle('error', isError);
}

/** at most n characters, with … where it was cut */
export const clip = (text: string, n: number): string => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
