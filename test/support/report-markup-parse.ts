// A strict little XML parser for the report renderers' tests: it fails
// on an unbalanced or mis-nested tag, an unquoted or repeated attribute, a raw "<" or a stray "&"
// in text, and an unknown entity — whatever a browser's XML parser would reject in an SVG — and
// returns the element tree so tests can look for the elements they expect.

export interface MarkupElement {
  name: string;
  attributes: Record<string, string>;
  children: MarkupElement[];
  /** The element's own text (not its descendants'), entities decoded. */
  text: string;
}

const ENTITY = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/;

function decode(raw: string, where: number): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '<') throw new Error(`raw "<" at ${where + i}`);
    if (raw[i] !== '&') {
      out += raw[i];
      continue;
    }
    const match = ENTITY.exec(raw.slice(i));
    if (!match) throw new Error(`stray "&" at ${where + i}: ${raw.slice(i, i + 12)}`);
    const entity = match[0];
    const named: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
    out += named[entity] ?? String.fromCodePoint(entity.startsWith('&#x') ? parseInt(entity.slice(3), 16) : parseInt(entity.slice(2), 10));
    i += entity.length - 1;
  }
  return out;
}

/** Parses a fragment with exactly one root element (leading/trailing whitespace allowed). */
export function parseMarkup(source: string): MarkupElement {
  const stack: MarkupElement[] = [{ name: '#document', attributes: {}, children: [], text: '' }];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('<', i);
    const textEnd = open === -1 ? source.length : open;
    stack.at(-1)!.text += decode(source.slice(i, textEnd), i);
    if (open === -1) break;
    const close = source.indexOf('>', open);
    if (close === -1) throw new Error(`unterminated tag at ${open}`);
    const tag = source.slice(open + 1, close);
    i = close + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const top = stack.pop()!;
      if (top.name !== name) throw new Error(`</${name}> at ${open} closes <${top.name}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const nameMatch = /^([A-Za-z][\w:.-]*)/.exec(body);
    if (!nameMatch) throw new Error(`bad tag <${tag}> at ${open}`);
    const element: MarkupElement = { name: nameMatch[1]!, attributes: {}, children: [], text: '' };
    let rest = body.slice(nameMatch[1]!.length);
    const attribute = /^\s+([A-Za-z_:][\w:.-]*)="([^"]*)"/;
    for (let m = attribute.exec(rest); m; m = attribute.exec(rest)) {
      if (m[1]! in element.attributes) throw new Error(`attribute ${m[1]} repeated in <${element.name}> at ${open}`);
      element.attributes[m[1]!] = decode(m[2]!, open);
      rest = rest.slice(m[0].length);
    }
    if (rest.trim() !== '') throw new Error(`cannot parse attributes "${rest.trim()}" of <${element.name}> at ${open}`);
    stack.at(-1)!.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack.at(-1)!.name}> is never closed`);
  const [document] = stack;
  if (document!.children.length !== 1 || document!.text.trim() !== '') throw new Error('not exactly one root element');
  return document!.children[0]!;
}

/** Every element (the root included), depth first, that satisfies `test`. */
export function findAll(root: MarkupElement, test: (element: MarkupElement) => boolean): MarkupElement[] {
  const found: MarkupElement[] = [];
  const visit = (element: MarkupElement) => {
    if (test(element)) found.push(element);
    element.children.forEach(visit);
  };
  visit(root);
  return found;
}

/** All text under an element: its own, then its children's (enough for "contains" checks). */
export function textOf(element: MarkupElement): string {
  return element.text + element.children.map(textOf).join('');
}
