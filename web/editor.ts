// The filter editor: CodeMirror 6 with a small highlighter per language (VFLisp, VFM
// assembly, pcap-filter) and compile errors shown as underlined diagnostics at their span.

import { EditorState, Compartment } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { StreamLanguage, syntaxHighlighting, defaultHighlightStyle, type StringStream } from '@codemirror/language';
import { setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import type { Diagnostic, Language } from './protocol.js';

export interface FilterEditor {
  text(): string;
  setText(text: string): void;
  setLanguage(language: Language): void;
  setDiagnostics(errors: readonly Diagnostic[], warnings: readonly Diagnostic[]): void;
}

const number = /^(?:0x[0-9a-fA-F]+|[0-9]+(?:\.[0-9]+){0,3})\b/;

const vflisp = StreamLanguage.define<null>({
  name: 'vflisp',
  token(stream: StringStream): string | null {
    if (stream.eatSpace()) return null;
    if (stream.match(/^;.*/)) return 'comment';
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
    if (stream.match(/^[()]/)) return 'bracket';
    if (stream.match(number)) return 'number';
    if (stream.match(/^[^\s()";]+/)) {
      const word = stream.current();
      return /^(and|or|not|if|let|in|=|!=|<|>|<=|>=|\+|-|\*|\/|&|\||\^)$/.test(word) ? 'keyword' : 'variableName';
    }
    stream.next();
    return null;
  },
  startState: () => null,
});

const asm = StreamLanguage.define<null>({
  name: 'vfm-asm',
  token(stream: StringStream): string | null {
    if (stream.eatSpace()) return null;
    if (stream.match(/^[;#].*/)) return 'comment';
    if (stream.match(/^[A-Za-z_.][\w.]*:/)) return 'labelName';
    if (stream.match(number)) return 'number';
    if (stream.match(/^[A-Za-z_.][\w.]*/)) return stream.column() === stream.indentation() ? 'keyword' : 'variableName';
    stream.next();
    return null;
  },
  startState: () => null,
});

const pcap = StreamLanguage.define<null>({
  name: 'pcap-filter',
  token(stream: StringStream): string | null {
    if (stream.eatSpace()) return null;
    if (stream.match(number)) return 'number';
    if (stream.match(/^(and|or|not|host|net|port|portrange|src|dst|proto|ether|ip6?|arp|rarp|tcp|udp|icmp6?|vlan|mpls|len|less|greater|broadcast|multicast)\b/)) return 'keyword';
    if (stream.match(/^[\w:.]+/)) return 'variableName';
    stream.next();
    return 'operator';
  },
  startState: () => null,
});

const LANGUAGES = { vflisp, asm, pcap } as const;

export function createEditor(parent: HTMLElement, initial: string, language: Language, onChange: () => void): FilterEditor {
  const languageSlot = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: initial,
      extensions: [
        history(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        languageSlot.of(LANGUAGES[language]),
        syntaxHighlighting(defaultHighlightStyle),
        placeholder('type a filter'),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'data-testid': 'filter-input', 'aria-label': 'Filter', 'aria-describedby': 'filter-error editor-label', spellcheck: 'false' }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange();
        }),
      ],
    }),
  });
  return {
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    setLanguage(l) {
      view.dispatch({ effects: languageSlot.reconfigure(LANGUAGES[l]) });
    },
    setDiagnostics(errors, warnings) {
      const len = view.state.doc.length;
      const place = (d: Diagnostic, severity: 'error' | 'warning'): CmDiagnostic => {
        const from = Math.min(d.from, len);
        return { from, to: Math.min(Math.max(d.to, from), len), severity, message: `${d.code}: ${d.message}` };
      };
      view.dispatch(setDiagnostics(view.state, [...errors.map((d) => place(d, 'error')), ...warnings.map((d) => place(d, 'warning'))]));
    },
  };
}
