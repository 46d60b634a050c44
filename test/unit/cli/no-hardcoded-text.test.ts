// A lint in test form: what the CLI writes to stdout/stderr comes from the message catalogue.
// A string literal with letters passed to io.stdout / io.stderr (a plain string, or the text of a
// template literal) is a hard-coded text that Chinese readers would get in English. Catalogue
// keys (formatMessage('scan.label.verdict', …)) and terminal control sequences are fine.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMessageKey } from '../../../engine/core/messages.ts';

const CLI_DIR = path.resolve('engine/cli');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? tsFiles(path.join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [path.join(dir, e.name)]
        : [],
  );
}

/**
 * The string literals in `code` (an expression): quoted strings whole, template literals as their
 * text between `${…}` holes; literals inside the holes are collected too. Returns them and the
 * index just after the expression's closing parenthesis (or the end).
 */
function literals(code: string, start: number): { found: string[]; end: number } {
  const found: string[] = [];
  let depth = 0;
  let i = start;
  const readQuoted = (quote: string) => {
    let text = '';
    for (i++; i < code.length && code[i] !== quote; i++) {
      if (code[i] === '\\') text += code[i++]!;
      text += code[i]!;
    }
    i++;
    return text;
  };
  const readTemplate = () => {
    let text = '';
    for (i++; i < code.length && code[i] !== '`'; i++) {
      if (code[i] === '\\') {
        text += code[i++]! + code[i]!;
      } else if (code[i] === '$' && code[i + 1] === '{') {
        found.push(text);
        text = '';
        const inner = expression(i + 2, '}');
        i = inner - 1;
      } else text += code[i]!;
    }
    found.push(text);
    i++;
  };
  // Walks an expression until its closing bracket at depth 0; returns the index after it.
  const expression = (from: number, close: string): number => {
    const saved = depth;
    depth = 0;
    i = from;
    while (i < code.length) {
      const ch = code[i]!;
      if (ch === "'" || ch === '"') found.push(readQuoted(ch));
      else if (ch === '`') readTemplate();
      else if (ch === '(' || ch === '{' || ch === '[') {
        depth++;
        i++;
      } else if (ch === ')' || ch === '}' || ch === ']') {
        if (depth === 0 && ch === close) {
          i++;
          break;
        }
        depth--;
        i++;
      } else i++;
    }
    depth = saved;
    return i;
  };
  const end = expression(start, ')');
  return { found, end };
}

/** Letters left in a literal once escapes and terminal control sequences are taken out. */
function hasText(literal: string): boolean {
  if (isMessageKey(literal)) return false;
  const plain = literal
    .replace(/\\x1b\[[0-9;]*[A-Za-z]/g, '')
    .replace(/\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\\./g, '');
  return /\p{L}/u.test(plain);
}

function hardCoded(source: string): string[] {
  const offenders: string[] = [];
  for (const m of source.matchAll(/\bio\.(stdout|stderr)\(/g)) {
    const { found } = literals(source, m.index + m[0].length);
    for (const literal of found) if (hasText(literal)) offenders.push(`${m[0]}…'${literal}'`);
  }
  return offenders;
}

describe('CLI output comes from the catalogue', () => {
  it('the heuristic catches hard-coded text and lets catalogue output through', () => {
    expect(hardCoded('io.stdout(`wrote ${file}\\n`);')).toHaveLength(1);
    expect(hardCoded("io.stderr('measuring …\\n');")).toHaveLength(1);
    expect(hardCoded('io.stdout(`${a ? `x ${b}` : c}\\n`);')).toHaveLength(1);
    expect(hardCoded("io.stdout(`${formatMessage('verify.intact', { records: n }, lang)}\\n`);")).toEqual([]);
    expect(hardCoded("io.stderr(`\\r\\x1b[K${line}`); io.stderr('\\r\\x1b[K');")).toEqual([]);
    expect(
      hardCoded('io.stdout(values.json ? `${JSON.stringify(r, null, 2)}\\n` : summary(r, lang));'),
    ).toEqual([]);
  });

  it.each(tsFiles(CLI_DIR).map((f) => [path.relative(CLI_DIR, f), f]))(
    '%s writes no hard-coded text',
    (_name, file) => {
      expect(hardCoded(readFileSync(file, 'utf8'))).toEqual([]);
    },
  );
});
