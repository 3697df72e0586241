// VFLisp: public entry points of the filter language.
export { compileVflisp, parseVflisp, formatAst, type CompiledFilter } from './compile.js';
export { FIELDS, type FieldDef } from './fields.js';
export { FORMS, RESERVED_FORMS } from './forms.js';
export type { FormDef } from './checker.js';
export type { Node as VflispNode } from './ast.js';
