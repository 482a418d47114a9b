// stint/no-silent-catch: an error is handled, rethrown or logged, never dropped without a word
// (issue 20). Reported: a `catch` block with no statement, and a promise `.catch(handler)` whose
// handler does nothing (an empty body) or only answers a constant. Either is allowed where a
// comment beginning `expected:` says why dropping the error is the right behaviour there; those
// comments are the allow-list, each with its reason beside the code it excuses.

const REASON = /^\s*expected:\s*\S/;

/** True when `comments` hold a reason. */
const hasReason = (comments) => comments.some((c) => REASON.test(c.value));

/** A handler that neither uses the error nor does anything: `() => {}`, `() => null`, `(): T => 'error'`. */
function isSilentHandler(fn) {
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return false;
  if (fn.body.type === 'BlockStatement') return fn.body.body.length === 0;
  const b = fn.body;
  return b.type === 'Literal' || (b.type === 'Identifier' && b.name === 'undefined') || b.type === 'TemplateLiteral' && b.expressions.length === 0 || (b.type === 'UnaryExpression' && b.operator === 'void' && b.argument.type === 'Literal');
}

export const noSilentCatch = {
  meta: {
    type: 'problem',
    docs: { description: 'An error is handled, rethrown or logged; an intentional drop says why (`// expected: …`).' },
    messages: {
      block: 'This catch drops the error silently: handle it, rethrow it or log it, or say why dropping it is right with a comment starting "expected:".',
      promise: 'This .catch() drops the error silently: handle it, rethrow it or log it, or say why with a comment starting "expected:" that ends on this line or the one before.',
    },
    schema: [],
  },
  create(context) {
    const source = context.sourceCode;
    // The comments on the call's lines and the comment block (consecutive comment lines) just above it.
    const commentsNear = (node) => {
      const all = source.getAllComments();
      const near = all.filter((c) => c.loc.end.line >= node.loc.start.line - 1 && c.loc.start.line <= node.loc.end.line);
      let top = Math.min(node.loc.start.line, ...near.map((c) => c.loc.start.line));
      for (let above = all.find((c) => c.loc.end.line === top - 1); above; above = all.find((c) => c.loc.end.line === top - 1)) {
        near.push(above);
        top = above.loc.start.line;
      }
      return near;
    };
    return {
      CatchClause(node) {
        if (node.body.body.length === 0 && !hasReason(source.getCommentsInside(node.body))) context.report({ node, messageId: 'block' });
      },
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.name !== 'catch') return;
        const handler = node.arguments[0];
        if (!handler || !isSilentHandler(handler)) return;
        if (!hasReason(commentsNear(node))) context.report({ node: handler, messageId: 'promise' });
      },
    };
  },
};

export const stintPlugin = { rules: { 'no-silent-catch': noSilentCatch } };
