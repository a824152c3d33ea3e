// The form editor's YAML writer: it changes only the lines of what the editor changed.
//
// Sveltia CMS reads a data file into an object and writes the whole object back: comments, the
// `# yaml-language-server: $schema=` line, flow lists and folded text would all be rewritten.
// This module is registered as the `yml` format: reading keeps the file's text beside the data
// (under SOURCE), writing splices the changes into that text (a changed value, a new or removed
// key or list item), and falls back to a full rewrite, keeping the leading comments, only when
// the spliced text does not read back as the data the editor saved.
import {
  Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parse,
  parseDocument,
  visit,
} from './vendor/yaml/index.js';

export const SOURCE = 'vademecum_texte_source';

const OPTIONS = { indent: 2, indentSeq: true, lineWidth: 0, flowCollectionPadding: false };

class Unspliceable extends Error {}

const isObject = (value) =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isEmpty = (value) =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (isObject(value) && Object.keys(value).length === 0);

// Equal as data: a missing key and an empty value are the same (the editor omits empty fields).
export const same = (a, b) => {
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) && isEmpty(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => same(item, b[index]))
    );
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => same(a[key], b[key]));
  }
  return a === b;
};



// A value as YAML text, lists of plain values written [a, b] like in the data files; the value
// is rendered inside a one-key map or a one-item list so that block text gets its indentation.
const render = (value, style = {}) => {
  const doc = new Document(value);
  const short = (node) => isScalar(node) && !String(node.value).includes('\n');
  visit(doc, {
    Seq(_, node) {
      if (node.items.every(short)) node.flow = true;
    },
    // A record's part made of short values (who, source) is written {lead: …, with: […]}
    Map(_, node, path) {
      const nested = isPair(path.at(-1)) && isMap(path.at(-2));
      const simple = (v) => short(v) || (isSeq(v) && v.items.every(short));
      if (nested && node.items.every((pair) => simple(pair.value))) node.flow = true;
    },
  });
  if (style.type) {
    visit(doc, {
      Pair(_, pair) {
        if (isScalar(pair.value) && typeof pair.value.value === 'string') {
          pair.value.type = style.type;
        }
      },
    });
  }
  return String(doc.toString({ ...OPTIONS, lineWidth: style.lineWidth ?? 0 })).replace(/\n$/, '');
};

// Every line but the first moved right by `spaces` (empty lines stay empty).
const shift = (text, spaces) =>
  text
    .split('\n')
    .map((line, index) => (index && line ? ' '.repeat(spaces) + line : line))
    .join('\n');

// What follows `key:` for a value, the key being at column `column`; a text that was written
// as a block (`>-` or `|-`) stays one, folded at the house width.
const WIDTH = 100;
const afterKey = (value, column, old = null) => {
  const block = isScalar(old) && ['BLOCK_FOLDED', 'BLOCK_LITERAL'].includes(old.type);
  const style =
    block && typeof value === 'string'
      ? { type: old.type, lineWidth: Math.max(WIDTH - column, 40) }
      : {};
  return shift(render({ k: value }, style).slice(2), column);
};

// A list item, its dash at column `column` (the first line's indentation not included).
const item = (value, column) => shift(render([value]), column);

const keyText = (key) => render(String(key));

export const splice = (text, wanted) => {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Unspliceable('unreadable');
  const nodeValue = (node) => (node ? node.toJS(doc) : null);
  const edits = [];
  let order = 0;
  const edit = (start, end, replacement) => edits.push({ start, end, replacement, order: order++ });
  const lineStart = (pos) => text.lastIndexOf('\n', pos - 1) + 1;
  const column = (pos) => pos - lineStart(pos);
  const nextLine = (pos) => {
    if (pos > 0 && text[pos - 1] === '\n') return pos;
    const found = text.indexOf('\n', pos);
    return found < 0 ? text.length : found + 1;
  };
  const block = (node) => (isMap(node) || isSeq(node)) && !node.flow && node.items.length > 0;
  const dash = (node) => {
    const at = text.lastIndexOf('-', node.range[0] - 1);
    if (at < lineStart(node.range[0])) throw new Unspliceable('list item without its dash');
    return at;
  };
  // Inserting a whole line at `pos`: after the last line of a file without a final newline.
  const line = (pos, body) =>
    pos === text.length && text.length && !text.endsWith('\n') ? `\n${body}` : `${body}\n`;

  const valueStart = (pair) => {
    const colon = text.indexOf(':', pair.key.range[1]);
    if (colon < 0) throw new Unspliceable('key without colon');
    return colon + 1;
  };

  const patchPair = (pair, value) => {
    const node = pair.value;
    if (same(nodeValue(node), value)) return;
    if (block(node) && isMap(node) && isObject(value) && !isEmpty(value)) {
      patchMap(node, value);
    } else if (block(node) && isSeq(node) && Array.isArray(value) && value.length) {
      patchSeq(node, value);
    } else {
      const start = valueStart(pair);
      const end = node && node.range ? node.range[1] : start;
      const newline = end > start && text[end - 1] === '\n' ? '\n' : '';
      edit(start, end, afterKey(value, column(pair.key.range[0]), node) + newline);
    }
  };

  const patchMap = (map, wantedMap) => {
    const seen = new Set();
    for (const pair of map.items) {
      if (!isScalar(pair.key) || !pair.key.range) throw new Unspliceable('complex key');
      const key = String(pair.key.value);
      seen.add(key);
      if (!(key in wantedMap) || wantedMap[key] === undefined) {
        if (isEmpty(nodeValue(pair.value))) continue;
        const end = pair.value && pair.value.range ? pair.value.range[1] : pair.key.range[1];
        edit(lineStart(pair.key.range[0]), nextLine(end), '');
      } else {
        patchPair(pair, wantedMap[key]);
      }
    }
    const added = Object.keys(wantedMap).filter((k) => !seen.has(k) && !isEmpty(wantedMap[k]));
    if (!added.length) return;
    const last = map.items.at(-1);
    const indent = column(map.items[0].key.range[0]);
    const end = last.value && last.value.range ? last.value.range[1] : last.key.range[1];
    const pos = nextLine(end);
    for (const key of added) {
      const body = `${' '.repeat(indent)}${keyText(key)}:${afterKey(wantedMap[key], indent)}`;
      edit(pos, pos, line(pos, body));
    }
  };

  const patchItem = (node, value) => {
    if (same(nodeValue(node), value)) return;
    if (block(node) && isMap(node) && isObject(value) && !isEmpty(value)) {
      patchMap(node, value);
      return;
    }
    const start = dash(node);
    const end = node.range[1];
    const newline = text[end - 1] === '\n' ? '\n' : '';
    edit(start, end, item(value, column(start)) + newline);
  };

  const idOf = (value) => (isObject(value) && typeof value.id === 'string' ? value.id : undefined);

  const patchSeq = (seq, wantedList) => {
    const old = seq.items;
    if (old.some((node) => !node || !node.range)) throw new Unspliceable('list item');
    const oldIds = old.map((node) => idOf(nodeValue(node)));
    const byId = oldIds.every(Boolean) && wantedList.every((v) => idOf(v) !== undefined);
    // new index → old index
    const match = wantedList.map((v, index) =>
      byId ? oldIds.indexOf(idOf(v)) : index < old.length ? index : -1,
    );
    const kept = match.filter((i) => i >= 0);
    if (kept.some((i, n) => n > 0 && i <= kept[n - 1])) throw new Unspliceable('reordered');
    old.forEach((node, index) => {
      if (!kept.includes(index)) edit(lineStart(dash(node)), nextLine(node.range[1]), '');
    });
    const indent = column(dash(old[0]));
    let previous = -1;
    wantedList.forEach((value, index) => {
      if (match[index] >= 0) {
        previous = match[index];
        patchItem(old[previous], value);
        return;
      }
      const pos = previous >= 0 ? nextLine(old[previous].range[1]) : lineStart(dash(old[0]));
      edit(pos, pos, line(pos, `${' '.repeat(indent)}${item(value, indent)}`));
    });
  };

  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    if (isEmpty(wanted)) return text;
    const body = render(wanted);
    return text.length && !text.endsWith('\n') ? `${text}\n${body}\n` : `${text}${body}\n`;
  }
  if (!block(root) || !isMap(root) || !isObject(wanted)) throw new Unspliceable('root');
  patchMap(root, wanted);
  edits.sort((a, b) => b.start - a.start || b.order - a.order);
  let out = text;
  let limit = Infinity;
  for (const { start, end, replacement } of edits) {
    if (end > limit) throw new Unspliceable('overlapping edits');
    out = out.slice(0, start) + replacement + out.slice(end);
    limit = start;
  }
  return out;
};

// The comment lines the file starts with (the schema line among them).
const leadingComments = (text) => {
  const lines = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    lines.push(line);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
};

export const fromFile = (text) => {
  const data = parse(text) ?? {};
  return isObject(data) ? { ...data, [SOURCE]: text } : data;
};

export const toFile = (content) => {
  const { [SOURCE]: original, ...wanted } = content;
  if (typeof original === 'string') {
    try {
      const spliced = splice(original, wanted);
      if (same(parse(spliced), wanted)) return spliced;
    } catch {
      // not spliceable, or the spliced text does not read back: written whole below
    }
  }
  return leadingComments(original ?? '') + render(wanted) + '\n';
};
