// Icons and codex files (*.node.json) are not TypeScript, so tsc does not copy them; n8n loads them
// from beside the built files. Run in a package folder (`gulp --gulpfile ../../gulpfile.js --cwd .`,
// its `build` script) it copies that package's; run at the root, every package's (index.js).
const fs = require('fs');
const path = require('path');
const { task, src, dest, parallel } = require('gulp');
const { PACKAGES } = require('./index');

const ASSETS = ['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'];

const copyAssets = (dir) => () => src(ASSETS, { cwd: dir, base: dir, encoding: false }).pipe(dest(path.join(dir, 'dist')));

const cwd = process.cwd();
const here = fs.existsSync(path.join(cwd, 'package.json')) && PACKAGES.some((p) => path.resolve(__dirname, p.folder) === cwd);
task('build:icons', here ? copyAssets(cwd) : parallel(...PACKAGES.map((p) => copyAssets(path.resolve(__dirname, p.folder)))));
