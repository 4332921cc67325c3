// The lowering may add a runtime import per function; a file gets exactly one (ESM) or one
// `require` (CJS). Merging here keeps that guarantee independent of how lowering emits it.
import type ts from 'typescript';

/** Merge the runtime imports the transformer added into the first one. */
export function mergeRuntimeImports(
  tsi: typeof ts,
  original: ts.SourceFile,
  result: ts.SourceFile,
  runtimeModule: string,
): ts.SourceFile {
  const kept = new Set<ts.Statement>(original.statements);
  const added = result.statements.filter((s) => !kept.has(s) && runtimeImportNames(tsi, s, runtimeModule) !== undefined);
  if (added.length < 2) return result;
  const first = added[0]!;
  const names = new Map<string, ts.ImportSpecifier>();
  for (const s of added) for (const spec of runtimeImportNames(tsi, s, runtimeModule)!) names.set(spec.name.text, spec);
  const f = tsi.factory;
  const merged = tsi.isImportDeclaration(first)
    ? f.createImportDeclaration(
        undefined,
        f.createImportClause(undefined, undefined, f.createNamedImports([...names.values()])),
        f.createStringLiteral(runtimeModule),
      )
    : f.createVariableStatement(
        undefined,
        f.createVariableDeclarationList(
          [
            f.createVariableDeclaration(
              f.createObjectBindingPattern(
                [...names.values()].map((s) =>
                  f.createBindingElement(undefined, s.propertyName && tsi.isIdentifier(s.propertyName) ? s.propertyName : undefined, s.name),
                ),
              ),
              undefined,
              undefined,
              f.createCallExpression(f.createIdentifier('require'), undefined, [f.createStringLiteral(runtimeModule)]),
            ),
          ],
          tsi.NodeFlags.Const,
        ),
      );
  const drop = new Set(added.slice(1));
  const statements = result.statements.filter((s) => !drop.has(s)).map((s) => (s === first ? merged : s));
  return tsi.factory.updateSourceFile(result, statements);
}

/** The specifiers of `import { a, b as c } from runtime` or `const { a, b: c } = require(runtime)`. */
function runtimeImportNames(tsi: typeof ts, s: ts.Statement, runtimeModule: string): ts.ImportSpecifier[] | undefined {
  const f = tsi.factory;
  if (tsi.isImportDeclaration(s)) {
    if (!tsi.isStringLiteral(s.moduleSpecifier) || s.moduleSpecifier.text !== runtimeModule) return undefined;
    const bindings = s.importClause?.namedBindings;
    if (s.importClause?.name || !bindings || !tsi.isNamedImports(bindings)) return undefined;
    return [...bindings.elements];
  }
  if (!tsi.isVariableStatement(s) || s.declarationList.declarations.length !== 1) return undefined;
  const d = s.declarationList.declarations[0]!;
  const init = d.initializer;
  if (
    !init || !tsi.isCallExpression(init) || !tsi.isIdentifier(init.expression) || init.expression.text !== 'require' ||
    init.arguments.length !== 1 || !tsi.isStringLiteral(init.arguments[0]!) || (init.arguments[0] as ts.StringLiteral).text !== runtimeModule ||
    !tsi.isObjectBindingPattern(d.name)
  ) {
    return undefined;
  }
  const specs: ts.ImportSpecifier[] = [];
  for (const el of d.name.elements) {
    if (!tsi.isIdentifier(el.name) || el.dotDotDotToken || el.initializer) return undefined;
    const prop = el.propertyName && tsi.isIdentifier(el.propertyName) ? el.propertyName : undefined;
    specs.push(f.createImportSpecifier(false, prop, el.name));
  }
  return specs;
}
