/**
 * A small, strict-enough XML reader for test and coverage reports (JUnit, cobertura).
 * It handles declarations, comments, CDATA, DOCTYPE, attributes and the predefined and
 * numeric entities; it does not validate. Malformed input throws an Error.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text and CDATA directly inside this element. */
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decode the predefined and numeric character references. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return ENTITIES[ref] ?? whole;
  });
}

const ATTR = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/** Parse a document and return its root element. */
export function parseXml(text: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  const appendText = (value: string) => {
    const top = stack[stack.length - 1];
    if (top !== undefined) top.text += value;
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      appendText(decodeEntities(text.slice(i)));
      break;
    }
    if (lt > i) appendText(decodeEntities(text.slice(i, lt)));
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) throw new Error('unterminated XML comment');
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end < 0) throw new Error('unterminated CDATA section');
      appendText(text.slice(lt + 9, end));
      i = end + 3;
    } else if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) throw new Error('unterminated XML declaration');
      i = end + 2;
    } else if (text.startsWith('<!', lt)) {
      const end = text.indexOf('>', lt + 2);
      if (end < 0) throw new Error('unterminated DOCTYPE');
      i = end + 1;
    } else if (text.startsWith('</', lt)) {
      const end = text.indexOf('>', lt + 2);
      if (end < 0) throw new Error('unterminated closing tag');
      const name = text.slice(lt + 2, end).trim();
      const top = stack.pop();
      if (top === undefined || top.name !== name) throw new Error(`mismatched closing tag </${name}>`);
      i = end + 1;
    } else {
      // Find the end of the tag, skipping '>' inside quoted attribute values.
      let j = lt + 1;
      let quote: string | null = null;
      for (; j < text.length; j += 1) {
        const ch = text[j];
        if (quote !== null) {
          if (ch === quote) quote = null;
        } else if (ch === '"' || ch === "'") {
          quote = ch;
        } else if (ch === '>') {
          break;
        }
      }
      if (j >= text.length) throw new Error('unterminated tag');
      const selfClosing = text[j - 1] === '/';
      const body = text.slice(lt + 1, selfClosing ? j - 1 : j);
      const name = /^[^\s/>]+/.exec(body)?.[0];
      if (name === undefined) throw new Error('tag without a name');
      const attrs: Record<string, string> = {};
      for (const match of body.slice(name.length).matchAll(ATTR)) {
        attrs[match[1] as string] = decodeEntities(match[3] ?? match[4] ?? '');
      }
      const element: XmlElement = { name, attrs, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.children.push(element);
      else if (root === null) root = element;
      else throw new Error('more than one root element');
      if (!selfClosing) stack.push(element);
      i = j + 1;
    }
  }
  if (stack.length > 0) throw new Error(`unclosed element <${stack[stack.length - 1]?.name ?? ''}>`);
  if (root === null) throw new Error('no root element');
  return root;
}

/** Every descendant element with a given name, depth first. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (el: XmlElement) => {
    for (const child of el.children) {
      if (child.name === name) found.push(child);
      visit(child);
    }
  };
  visit(element);
  return found;
}
