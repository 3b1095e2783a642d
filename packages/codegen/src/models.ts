import { readFileSync } from 'node:fs';
import ts from 'typescript';

/**
 * The type names a subgraph's `src/models.ts` exports: what each GraphQL type is on the server side (an entity, a
 * connection, figures as computed), by the GraphQL type's own name, and `Context`, what every resolver receives.
 * Read from the file's syntax, so a new model is one export line and nothing else to keep in step.
 */
export function exportedTypeNames(file: URL): string[] {
  const source = ts.createSourceFile(file.pathname, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const names: string[] = [];
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) &&
    ts.getModifiers(node)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isTypeAliasDeclaration(statement) && exported(statement)) names.push(statement.name.text);
    if (ts.isInterfaceDeclaration(statement) && exported(statement)) names.push(statement.name.text);
    if (
      ts.isExportDeclaration(statement) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      names.push(...statement.exportClause.elements.map((element) => element.name.text));
    }
  }
  return names;
}
