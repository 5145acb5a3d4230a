/**
 * Sanitizing of untrusted text (issue and PR titles, bodies, comments) before it is
 * analysed or shown to the model — docs/security.md §6. It runs once per text, where the
 * task request is built; the result is branded `SanitizedText`, the only type the prompt
 * renderers accept.
 *
 * The rule: the model gets what a human reading the rendered issue sees, and nothing
 * a human cannot see. Decided case by case:
 *
 * | input | done | why |
 * | --- | --- | --- |
 * | `<!-- … -->` (also unterminated: to the end) | removed | never rendered |
 * | format / invisible Unicode: zero-width, bidi controls, soft hyphen, word joiner, BOM, tag characters U+E0000–E007F, variation selectors, Hangul fillers, C0/C1 controls except tab and newline | removed, also inside code | invisible, and used to smuggle instructions or reorder text |
 * | elements with `hidden`, `aria-hidden="true"`, or a style with `display:none`, `visibility:hidden`, `font-size:0`, `opacity:0`; `<script>`, `<style>`, `<template>`, `<noscript>` | removed with their content (an unclosed one: to the end) | not shown (GitHub strips styles, but mail clients and other forges honour them) |
 * | attributes of every other HTML tag (`title`, `alt`, `data-*`, …) | dropped; `<a href>` keeps its URL | attributes are not rendered text |
 * | `<img>` | `[image]` | its `alt` is only shown when the image fails |
 * | Markdown image `![alt](url)` | `![image](url)` | same as `alt` |
 * | Markdown link titles `[a](url "title")`, reference-definition titles (`[//]: # (hidden)`) | title dropped | only shown on hover, or never |
 * | `<details>`/`<summary>` | kept | visible (collapsed, one click away) |
 * | fenced code blocks and inline code | kept verbatim (only invisible characters go) | code is rendered as literal text, so what is there is visible |
 *
 * Line endings become `\n`. The function is idempotent.
 */

import type { SanitizedText } from './sanitized-text.ts';

/** How many of each kind of hidden content `sanitizeUntrustedTextReport` removed. */
export interface SanitizeRemovals {
  htmlComments: number;
  invisibleCharacters: number;
  hiddenElements: number;
  attributes: number;
  linkTitles: number;
}

// Cf (format) covers zero-width spaces/joiners, LRM/RLM, bidi embeddings/isolates,
// soft hyphen, word joiner, invisible operators, BOM, Arabic letter mark, Mongolian
// vowel separator and the tag block. Variation selectors and Hangul fillers are not
// Cf but render as nothing; they are used to hide bytes in text ("emoji smuggling").
const INVISIBLE =
  /[\p{Cf}\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u115F\u1160\u3164\uFFA0\u034F\u17B4\u17B5\u2028\u2029]|[\p{Cc}--[\t\n]]/gv;

// Tags GitHub renders as HTML; anything else in angle brackets (`List<String>`) is
// shown as text and left alone.
const HTML_TAGS = new Set([
  'a',
  'abbr',
  'article',
  'aside',
  'audio',
  'b',
  'base',
  'bdi',
  'bdo',
  'blockquote',
  'body',
  'br',
  'button',
  'caption',
  'center',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'embed',
  'figcaption',
  'figure',
  'font',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'head',
  'header',
  'hr',
  'html',
  'i',
  'iframe',
  'img',
  'input',
  'ins',
  'kbd',
  'label',
  'li',
  'link',
  'main',
  'mark',
  'meta',
  'nav',
  'noscript',
  'object',
  'ol',
  'option',
  'p',
  'picture',
  'pre',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'script',
  'section',
  'select',
  'small',
  'source',
  'span',
  'strike',
  'strong',
  'style',
  'sub',
  'summary',
  'sup',
  'svg',
  'table',
  'tbody',
  'td',
  'template',
  'textarea',
  'tfoot',
  'th',
  'thead',
  'time',
  'title',
  'tr',
  'tt',
  'u',
  'ul',
  'var',
  'video',
  'wbr',
]);
const CONTENT_NEVER_SHOWN = new Set(['script', 'style', 'template', 'noscript', 'title', 'head']);
const VOID_TAGS = new Set(['br', 'hr', 'img', 'input', 'wbr', 'source', 'col', 'embed', 'meta', 'link', 'base']);
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const HIDING_STYLE =
  /(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:\.0*)?(?![.\d])|opacity\s*:\s*0(?:\.0*)?(?![.\d]))/i;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/** Removes everything a reader of the rendered text cannot see; see the table above. */
export function sanitizeUntrustedText(text: string): SanitizedText {
  return sanitizeUntrustedTextReport(text).text;
}

/** `sanitizeUntrustedText`, plus counts of what was removed (for the audit log). */
export function sanitizeUntrustedTextReport(text: string): { text: SanitizedText; removals: SanitizeRemovals } {
  const removals: SanitizeRemovals = {
    htmlComments: 0,
    invisibleCharacters: 0,
    hiddenElements: 0,
    attributes: 0,
    linkTitles: 0,
  };
  const visible = text.replace(/\r\n?/g, '\n').replace(INVISIBLE, () => {
    removals.invisibleCharacters += 1;
    return '';
  });
  const segments = splitCode(visible);
  let out = '';
  let prose = '';
  for (const segment of segments) {
    if (segment.code) {
      out += cleanProse(prose, removals) + segment.text;
      prose = '';
    } else {
      prose += segment.text;
    }
  }
  out += cleanProse(prose, removals);
  // The one place untrusted text becomes SanitizedText.
  return { text: out as SanitizedText, removals };
}

interface Segment {
  code: boolean;
  text: string;
}

/**
 * Splits text into code (fenced blocks, inline code spans) and prose. An HTML comment
 * that starts in prose runs to its end even across backticks, as in CommonMark, so
 * comments are consumed here, not in the prose pass.
 */
function splitCode(text: string): Segment[] {
  const segments: Segment[] = [];
  let prose = '';
  let proseStart = 0;
  let i = 0;
  const n = text.length;
  const takeProse = (end: number): void => {
    prose += text.slice(proseStart, end);
  };
  const flush = (): void => {
    if (prose !== '') segments.push({ code: false, text: prose });
    prose = '';
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if ((i === 0 || text.charCodeAt(i - 1) === 10) && (c === 32 || c === 96 || c === 126)) {
      const lineEnd = text.indexOf('\n', i);
      const line = text.slice(i, lineEnd === -1 ? n : lineEnd);
      const fence = FENCE_OPEN.exec(line);
      if (fence && !(fence[1]!.startsWith('`') && line.slice(fence[0].length).includes('`'))) {
        const end = findFenceEnd(text, lineEnd === -1 ? n : lineEnd + 1, fence[1]!);
        takeProse(i);
        flush();
        segments.push({ code: true, text: text.slice(i, end) });
        i = end;
        proseStart = i;
        continue;
      }
    }
    if (c === 60 /* < */ && text.startsWith('<!--', i)) {
      // Everything up to the next `-->` is hidden, even when it looks like code.
      const close = text.indexOf('-->', i + 4);
      takeProse(i);
      prose += '\u0000'; // marker: a comment was here (counted and dropped later)
      i = close === -1 ? n : close + 3;
      proseStart = i;
      continue;
    }
    if (c === 96 /* ` */) {
      let run = 1;
      while (text.charCodeAt(i + run) === 96) run += 1;
      const close = findBacktickRun(text, i + run, run);
      if (close !== -1) {
        takeProse(i);
        flush();
        segments.push({ code: true, text: text.slice(i, close + run) });
        i = close + run;
        proseStart = i;
        continue;
      }
      i += run;
      continue;
    }
    i += 1;
  }
  takeProse(n);
  flush();
  return segments;
}

function findFenceEnd(text: string, from: number, fence: string): number {
  const char = fence[0]!;
  let i = from;
  while (i < text.length) {
    const lineEnd = text.indexOf('\n', i);
    const line = text.slice(i, lineEnd === -1 ? text.length : lineEnd);
    const m = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
    if (m && m[1]![0] === char && m[1]!.length >= fence.length) return lineEnd === -1 ? text.length : lineEnd + 1;
    if (lineEnd === -1) break;
    i = lineEnd + 1;
  }
  return text.length; // an unclosed fence runs to the end, and renders as code
}

function findBacktickRun(text: string, from: number, length: number): number {
  let i = text.indexOf('`', from);
  while (i !== -1) {
    let run = 1;
    while (text.charCodeAt(i + run) === 96) run += 1;
    if (run === length) return i;
    i = text.indexOf('`', i + run);
  }
  return -1;
}

function cleanProse(prose: string, removals: SanitizeRemovals): string {
  if (prose === '') return '';
  const withoutComments = prose.replace(/\u0000/g, () => {
    removals.htmlComments += 1;
    return '';
  });
  return cleanMarkdown(cleanHtml(withoutComments, removals), removals);
}

function cleanHtml(text: string, removals: SanitizeRemovals): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt === -1) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, lt);
    TAG.lastIndex = lt;
    const m = TAG.exec(text);
    const name = m?.[2]?.toLowerCase();
    if (!m || name === undefined || !HTML_TAGS.has(name)) {
      out += '<';
      i = lt + 1;
      continue;
    }
    const closing = m[1] === '/';
    const attributes = parseAttributes(m[3] ?? '');
    const end = lt + m[0].length;
    if (!closing && (CONTENT_NEVER_SHOWN.has(name) || hides(attributes))) {
      removals.hiddenElements += 1;
      i = m[4] === '/' || VOID_TAGS.has(name) ? end : findClosingTag(text, end, name);
      continue;
    }
    removals.attributes += attributes.size - (name === 'a' && attributes.has('href') ? 1 : 0);
    if (name === 'img') {
      out += '[image]';
    } else if (closing) {
      out += `</${name}>`;
    } else if (name === 'a' && /^[^\s"'<>]+$/.test(attributes.get('href') ?? ' ')) {
      out += `<a href="${attributes.get('href')!}">`;
    } else {
      out += `<${name}${m[4] === '/' ? ' /' : ''}>`;
    }
    i = end;
  }
  return out;
}

function parseAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const m of source.matchAll(ATTRIBUTE)) {
    attributes.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attributes;
}

function hides(attributes: Map<string, string>): boolean {
  return (
    attributes.has('hidden') ||
    attributes.get('aria-hidden')?.toLowerCase() === 'true' ||
    HIDING_STYLE.test(attributes.get('style') ?? '')
  );
}

/** Index just after the `</name>` matching an open `<name …>` (nesting counted), or the end. */
function findClosingTag(text: string, from: number, name: string): number {
  const pattern = new RegExp(`<(/?)${name}(?=[\\s/>])[^>]*>`, 'gi');
  pattern.lastIndex = from;
  let depth = 1;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    depth += m[1] === '/' ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return text.length;
}

const LINK_TITLE = /(\]\(\s*(?:<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*))\s+(?:"[^"]*"|'[^']*'|\([^()]*\))\s*\)/g;
const REFERENCE_TITLE = /^( {0,3}\[[^\]\n]+\]:[ \t]*\S+)[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\))[ \t]*$/gm;

function cleanMarkdown(text: string, removals: SanitizeRemovals): string {
  return text
    .replace(/!\[[^\]\n]*\]\(/g, '![image](')
    .replace(LINK_TITLE, (_all, head: string) => {
      removals.linkTitles += 1;
      return `${head})`;
    })
    .replace(REFERENCE_TITLE, (_all, head: string) => {
      removals.linkTitles += 1;
      return head;
    });
}
