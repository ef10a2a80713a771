import { describe, expect, it } from 'vitest';
import { decodeEntities } from './entities';
import { htmlToMarkdown } from './html';

const md = (html: string) => htmlToMarkdown(html).text;

describe('htmlToMarkdown', () => {
  it('turns headings, paragraphs and line breaks into Markdown blocks', () => {
    expect(md('<h1>Title</h1><p>One <em>two</em>\n  three.</p><h3>Sub</h3><div>a<br>b</div>')).toBe(
      '# Title\n\nOne two three.\n\n### Sub\n\na\nb',
    );
  });

  it('writes lists as consecutive items, numbered and nested, and keeps separate lists apart', () => {
    expect(md('<ul><li>one<li>two<ul><li>nested</li></ul></li></ul><ol><li>a</li><li>b</li></ol><p>after</p>')).toBe(
      '- one\n- two\n  - nested\n\n1. a\n2. b\n\nafter',
    );
  });

  it('writes table rows as lines of cells, flattening blocks inside cells', () => {
    expect(md('<table><tr><th>Name<th>Age</tr><tr><td><p>Ann</p><p>B.</p></td><td>31</td></tr></table><p>x</p>')).toBe(
      'Name | Age\nAnn B. | 31\n\nx',
    );
  });

  it('keeps <pre> text exactly, fenced longer than any backtick run inside it', () => {
    expect(md('<pre>\nconst a = 1;\n  if (a &lt; 2) ```x```\n</pre><p>done</p>')).toBe(
      '````\nconst a = 1;\n  if (a < 2) ```x```\n````\n\ndone',
    );
  });

  it('escapes text that would read as a heading or a code fence', () => {
    expect(md('<p># not a heading</p><p>```</p><p>#hashtag</p>')).toBe('\\# not a heading\n\n\\```\n\n#hashtag');
  });

  it('drops scripts, styles, comments, templates, forms text and inline SVG, even in odd case or spacing', () => {
    const html =
      '<!-- <p>hidden</p> --><SCRIPT>bad()</SCRIPT ><style>p{}</style><template><p>inert</p></template>' +
      '<noscript>enable js</noscript><textarea>typed</textarea><svg><title>icon</title><path d="M0"/></svg>' +
      '<svg/><P>kept</P><?php echo 1 ?>';
    expect(htmlToMarkdown(html)).toEqual({ text: 'kept', title: undefined });
  });

  it('recovers the page after an SVG that is never closed', () => {
    expect(md('<p>before</p><svg><g>icon text<p>breaks out</p>')).toBe('before\n\nbreaks out');
  });

  it('reads malformed markup without throwing: stray <, unclosed tags, > inside quotes', () => {
    expect(md('<p>a < b and c<3 <b>bold')).toBe('a < b and c<3 bold');
    expect(md('<div title="a > b">kept</div><a href=x>link</a> text')).toBe('kept\n\nlink text');
    expect(md('<h2></h2><p>after an empty heading</p><ul><li></li></ul><p>after an empty item</p>')).toBe(
      'after an empty heading\n\nafter an empty item',
    );
    expect(md('<script>never closed <p>x</p>')).toBe('');
    expect(md('<div attr="never closed>text')).toBe('');
  });

  it('takes <title> as the title, else the first <h1>', () => {
    expect(htmlToMarkdown('<title> My &amp;\n page </title><h1>Head</h1>').title).toBe('My & page');
    expect(htmlToMarkdown('<h1>One</h1><h1>Two</h1>').title).toBe('One');
  });

  it('stays linear on adversarial input', () => {
    for (const unit of ['<a ', '<a x="', '<!', '<svg>', '<p>x</p>', '&#', '<ul><li>x']) {
      expect(typeof md(unit.repeat(100_000))).toBe('string');
    }
  });
});

describe('decodeEntities', () => {
  it('decodes named, decimal and hex references', () => {
    expect(decodeEntities('&amp; &lt;&gt; &quot;&apos; &copy; &eacute; &Omega; &hellip; &#65; &#x1F600;')).toBe(`& <> "' © é Ω … A 😀`);
  });

  it('reads C1 code points as Windows-1252, and impossible ones as U+FFFD', () => {
    expect(decodeEntities('&#150;&#x80;&#0;&#xD800;&#99999999999;')).toBe('–€\uFFFD\uFFFD\uFFFD');
  });

  it('accepts the common legacy names without a semicolon, and leaves unknown names alone', () => {
    expect(decodeEntities('a &amp b &nbsp;c &ampx &unknown; &copy')).toBe('a & b \u00a0c &ampx &unknown; &copy');
  });
});
