/**
 * "Draft Documentation": the pure parts, in one place for the host.
 *
 * 1. `docCommentPlan` finds where the comment goes (and any comment already there).
 * 2. `parseSignature` lists the parameters for the prompt (`docMessages` in prompts.ts).
 * 3. `parseDocResponse` reads the model's answer into a `DocBody`.
 * 4. `formatDocComment` writes it in the language's convention.
 */
export { docCommentPlan, type DocCommentPlan } from './docCommentPlan';
export { docStyleFor, formatDocComment, type DocBody, type DocParam, type DocStyle } from './docCommentFormat';
export { parseDocResponse } from './docResponse';
export { parseSignature, type ParsedSignature } from './signature';
export type { LineRange } from './declarationLines';
