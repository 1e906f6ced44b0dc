// Icons are not TypeScript, so tsc does not copy them; n8n loads them from beside the built files.
const path = require('path');
const { task, src, dest } = require('gulp');

task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest(path.resolve('dist')),
	),
);
