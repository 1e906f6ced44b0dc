/**
 * n8n's newer community lint rule `require-continue-on-fail` (@n8n/eslint-plugin-community-nodes)
 * reports a node class whose execute() body never calls `this.continueOnFail()`; the pinned lint
 * predates it, so this checks the same thing on the source: every node class with an execute()
 * calls it there, not only in a helper the rule cannot follow.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PACKAGES } = require('../../index') as { PACKAGES: Array<{ folder: string }> };
const NODE_DIRS = PACKAGES.map((p) => path.resolve(__dirname, '..', '..', p.folder, 'nodes'));

function nodeFiles(): string[] {
	return NODE_DIRS.flatMap((nodes) =>
		fs
			.readdirSync(nodes, { withFileTypes: true })
			.filter((d) => d.isDirectory() && d.name !== 'shared')
			.flatMap((d) => fs.readdirSync(path.join(nodes, d.name)).filter((f) => f.endsWith('.node.ts')).map((f) => path.join(nodes, d.name, f))),
	);
}

function callsContinueOnFail(node: ts.Node): boolean {
	if (
		ts.isCallExpression(node) &&
		ts.isPropertyAccessExpression(node.expression) &&
		node.expression.expression.kind === ts.SyntaxKind.ThisKeyword &&
		node.expression.name.text === 'continueOnFail'
	) {
		return true;
	}
	return ts.forEachChild(node, callsContinueOnFail) ?? false;
}

/** execute() methods of the classes in a file, by class name. */
function executeMethods(file: string): Array<[string, ts.MethodDeclaration]> {
	const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
	const found: Array<[string, ts.MethodDeclaration]> = [];
	source.forEachChild((statement) => {
		if (!ts.isClassDeclaration(statement)) return;
		for (const member of statement.members) {
			if (ts.isMethodDeclaration(member) && member.name.getText(source) === 'execute') {
				found.push([statement.name?.text ?? '(anonymous)', member]);
			}
		}
	});
	return found;
}

describe('require-continue-on-fail', () => {
	const methods = nodeFiles().flatMap(executeMethods);

	it('finds the regular nodes', () => {
		expect(methods.map(([name]) => name).sort()).toEqual(expect.arrayContaining(['LockitNetwork', 'Tapkey', 'Taptouch']));
	});

	it.each(methods.map(([name, method]) => [name, method] as const))('%s.execute() calls this.continueOnFail()', (_name, method) => {
		expect(method.body && callsContinueOnFail(method.body)).toBe(true);
	});
});
