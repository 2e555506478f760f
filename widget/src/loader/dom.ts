type Child = Node | string | number | null | undefined | false;
type Attr = string | number | boolean | null | undefined | ((event: Event) => void);

/** A tiny element builder for the loader (the chat uses Preact; the loader stays dependency-free and small). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, Attr> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === 'function') node.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value === true) node.setAttribute(key, '');
    else if (value !== false && value != null) node.setAttribute(key, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(typeof child === 'number' ? String(child) : child);
  return node;
}

/** Replaces an element's content. Not replaceChildren(): Safari before 14 and older Android web views lack it. */
export function fill(target: Element, ...children: Child[]) {
  while (target.firstChild) target.removeChild(target.firstChild);
  target.append(...(children.filter((c) => c !== null && c !== undefined && c !== false) as (Node | string)[]).map((c) => (typeof c === 'number' ? String(c) : c)));
}

/** Where the widget lives: its shadow root, or the document of its iframe where shadow DOM is missing. */
export type WidgetRoot = ShadowRoot | Document;

/**
 * Adds a style sheet to the widget's root. A constructed sheet where the browser has them: a page's
 * Content-Security-Policy without 'unsafe-inline' for styles blocks <style> elements, not these.
 */
export function addStyle(root: WidgetRoot, css: string) {
  const doc = root.ownerDocument ?? (root as Document);
  // A constructed sheet can only be adopted by a document of its own window (the iframe has another).
  const Sheet = (doc.defaultView as (Window & typeof globalThis) | null)?.CSSStyleSheet;
  try {
    if (Sheet && 'replaceSync' in Sheet.prototype && 'adoptedStyleSheets' in root) {
      const sheet = new Sheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      return;
    }
  } catch {
    // An engine that lists the API but refuses it: the <style> element below.
  }
  const style = doc.createElement('style');
  style.textContent = css;
  ('head' in root ? root.head : root).appendChild(style);
}

/** The focused element inside the widget, if any (an iframe's document reports its body when nothing is). */
export function focusedIn(root: WidgetRoot): Element | null {
  if ('hasFocus' in root && !root.hasFocus()) return null;
  const active = root.activeElement;
  return active && active !== (root as Document).body ? active : null;
}
