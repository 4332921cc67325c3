// Function-name inference (NamedEvaluation) that the lowering must keep by hand: `x = function () {}`
// names the function "x" only while `x` is an identifier reference, and the lowering turns many
// such targets into frame fields (`this.x = ...`) or temporaries, where the engine names nothing.
import type ts from 'typescript';

/** IsAnonymousFunctionDefinition: an unnamed function or class expression, or an arrow (parentheses allowed). */
export function isAnonymousFunctionDefinition(tsi: typeof ts, e: ts.Expression | undefined): boolean {
  while (e !== undefined && tsi.isParenthesizedExpression(e)) e = e.expression;
  if (e === undefined) return false;
  if (tsi.isArrowFunction(e)) return true;
  return (tsi.isFunctionExpression(e) || tsi.isClassExpression(e)) && e.name === undefined;
}

/**
 * `({ "name": e })["name"]`: `e` evaluated where it was, and named `name` by the property
 * definition's NamedEvaluation, as the identifier target would have named it. Anything but an
 * anonymous function definition is returned as is.
 */
export function keepName(tsi: typeof ts, e: ts.Expression, name: string): ts.Expression {
  if (!isAnonymousFunctionDefinition(tsi, e)) return e;
  const f = tsi.factory;
  const key = () => f.createStringLiteral(name);
  // A literal key, except `__proto__`, which as a literal key would set the prototype (V8 names
  // a class with a static `name` member by a computed key anyway, against the spec).
  const literal = f.createObjectLiteralExpression([f.createPropertyAssignment(name === '__proto__' ? f.createComputedPropertyName(key()) : key(), e)]);
  return f.createElementAccessExpression(f.createParenthesizedExpression(literal), key());
}
