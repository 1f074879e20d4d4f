/** A small element builder, so views read as a tree instead of createElement chains. */

type Child = Node | string | number | null | undefined | false;

/** Attributes and properties of `h`: `on*` functions become listeners, `dataset` becomes data-* attributes. */
export type Props = Record<string, unknown> & { dataset?: Record<string, string> };

/** Creates an element with attributes, listeners and children; null, undefined and false children are skipped. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    } else if (name === 'className') {
      element.className = String(value);
    } else if (name === 'value' || name === 'checked' || name === 'selected') {
      (element as unknown as Record<string, unknown>)[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends children, turning strings and numbers into text nodes. */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Builds a <select> from value/label pairs with the current value selected. */
export function select(props: Props, options: Array<[string, string]>, current: string): HTMLSelectElement {
  const element = h('select', props, ...options.map(([value, label]) => h('option', { value, selected: value === current }, label)));
  element.value = current;
  return element;
}
