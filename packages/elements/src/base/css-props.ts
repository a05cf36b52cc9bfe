import { noChange, nothing, type ElementPart } from 'lit';
import { Directive, directive, PartType, type PartInfo } from 'lit/directive.js';

/**
 * Inline style that survives a strict Content-Security-Policy. lit's `styleMap` writes a `style`
 * attribute on first render, which `style-src 'self'` refuses; this sets each property through the
 * CSSOM (`element.style.setProperty`), which a policy does not govern. Use it as an element
 * binding: `<div ${cssProps({ top: '40px' })}>`.
 */
class CssPropsDirective extends Directive {
  #previous = new Map<string, string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProps() is an element binding: <div ${cssProps({...})}>');
  }

  render(_props: Readonly<Record<string, string>>): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [props]: [Readonly<Record<string, string>>]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.#previous.keys()) if (!(name in props)) style.removeProperty(name);
    // A value set again unchanged is left alone: each setProperty dirties the element's style.
    for (const [name, value] of Object.entries(props)) if (this.#previous.get(name) !== value) style.setProperty(name, value);
    this.#previous = new Map(Object.entries(props));
    return noChange;
  }
}

export const cssProps = directive(CssPropsDirective);
