/**
 * Checker for the purity rule of STYLE.md §5: pure folders never import I/O, clocks or randomness. It
 * works on the syntax tree (not text), so a comment mentioning Date.now() is fine and an aliased import is not.
 */
import ts from 'typescript';

const IMPURE_FOLDERS = [
  'drivers',
  'store',
  'controller',
  'providers',
  'api',
  'cli',
  'history',
  'config',
  'report/render',
];
/** Natures and protocol codecs: plain types and functions over bytes and readings, checked pure themselves. */
export const PURE_MODULES_IN_IMPURE_FOLDERS = [
  'drivers/natures.ts',
  'drivers/cgminer/protocol.ts',
  'drivers/cgminer/telemetry.ts',
  'drivers/miner-luxos/reading.ts',
  'drivers/miner-braiins/protocol.ts',
  'providers/market/protocol.ts',
  'drivers/meter-modbus/codec.ts',
  'drivers/meter-modbus/maps.ts',
  'drivers/meter-modbus/nature.ts',
  'drivers/ai-kubernetes/protocol.ts',
  'drivers/ai-kubernetes/watch.ts',
  'drivers/ai-kubernetes/drain.ts',
  'drivers/ai-kubernetes/simulator-model.ts',
  'drivers/ai-kubernetes/simulator-bodies.ts',
  'drivers/ai-kubernetes/simulator-routes.ts',
  'drivers/ai-kubernetes/simulator-types.ts',
  'controller/value.ts',
  'providers/grid-openadr/protocol.ts',
  'providers/grid-openadr/messages.ts',
  'providers/grid-openadr/time.ts',
  'providers/grid-openadr/signals.ts',
  'providers/grid-openadr/report.ts',
  'providers/grid-openadr/vtn-store.ts',
  'drivers/gpu-redfish/codec.ts',
  'drivers/gpu-redfish/mapping.ts',
  'drivers/gpu-redfish/sim-model.ts',
  'drivers/gpu-redfish/sim-uris.ts',
  'drivers/gpu-redfish/sim-resources.ts',
  'drivers/gpu-redfish/sim-power-bodies.ts',
  'drivers/gpu-redfish/sim-writes.ts',
  'drivers/gpu-redfish/fixtures/public-rackmount1.ts',
  'drivers/gpu-machine.ts',
  'drivers/json-reply.ts',
  'api/status.ts',
];
const FORBIDDEN_PACKAGES =
  /^(node:|fs$|net$|http$|https$|child_process$|worker_threads$|os$|pg$|@electric-sql\/|undici$)/;

export function purityViolations(fileName: string, sourceText: string): string[] {
  const source = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.ES2023, true);
  const problems: string[] = [];
  const where = (node: ts.Node): string =>
    `${fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    const specifier =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
        ? node.moduleSpecifier.text
        : ts.isCallExpression(node) &&
            node.expression.kind === ts.SyntaxKind.ImportKeyword &&
            ts.isStringLiteral(node.arguments[0]!)
          ? (node.arguments[0] as ts.StringLiteral).text
          : undefined;
    // Types vanish at runtime, so a pure module may name a config schema's type.
    const typeOnly = ts.isImportDeclaration(node) && node.importClause?.isTypeOnly === true;
    if (specifier !== undefined && !typeOnly) {
      if (FORBIDDEN_PACKAGES.test(specifier)) problems.push(`${where(node)} imports ${specifier}`);
      if (
        specifier.startsWith('.') &&
        !PURE_MODULES_IN_IMPURE_FOLDERS.some((m) => specifier.endsWith(m)) &&
        IMPURE_FOLDERS.some((f) => new RegExp(`/${f}(/|\\.ts$)`).test(specifier))
      ) {
        problems.push(`${where(node)} imports I/O module ${specifier}`);
      }
    }
    if (ts.isPropertyAccessExpression(node)) {
      const text = `${node.expression.getText(source)}.${node.name.text}`;
      if (text === 'Date.now' || text === 'Math.random' || text === 'performance.now')
        problems.push(`${where(node)} reads ${text}`);
    }
    if (
      ts.isNewExpression(node) &&
      node.expression.getText(source) === 'Date' &&
      (node.arguments?.length ?? 0) === 0
    ) {
      problems.push(`${where(node)} reads the clock with new Date()`);
    }
    if (
      ts.isIdentifier(node) &&
      (node.text === 'process' || node.text === 'fetch') &&
      !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)
    ) {
      problems.push(`${where(node)} uses ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}
