import { describe, expect, it } from 'vitest';
import { decodeEntities, findAll, parseXml } from '../../../src/core/testing/parse-xml.ts';

describe('parseXml', () => {
  it('reads declarations, comments, DOCTYPE, attributes, CDATA and entities', () => {
    const root = parseXml(`<?xml version="1.0"?>
<!DOCTYPE coverage SYSTEM "x.dtd">
<!-- a comment with <tags> -->
<a x="1" y='two &amp; three' z="a>b">
  text &lt;1&gt; &#65;&#x42;
  <b/>
  <c k="v"><![CDATA[<raw> & stuff]]></c>
</a>`);
    expect(root.name).toBe('a');
    expect(root.attrs).toEqual({ x: '1', y: 'two & three', z: 'a>b' });
    expect(root.text.trim()).toBe('text <1> AB');
    expect(root.children.map((c) => c.name)).toEqual(['b', 'c']);
    expect(root.children[1]?.text).toBe('<raw> & stuff');
    expect(findAll(root, 'c')).toHaveLength(1);
  });

  it.each([
    ['<a><b></a>', 'mismatched closing tag </a>'],
    ['<a>', 'unclosed element <a>'],
    ['<a/><b/>', 'more than one root element'],
    ['', 'no root element'],
    ['<a', 'unterminated tag'],
    ['<a><!-- x</a>', 'unterminated XML comment'],
  ])('rejects %j', (text, message) => {
    expect(() => parseXml(text)).toThrow(message);
  });

  it('leaves unknown entities alone', () => {
    expect(decodeEntities('&nbsp; &amp;')).toBe('&nbsp; &');
  });
});
