const fs = require('node:fs');
const { src, dest } = require('gulp');

// A module left in dist/ by an earlier layout would be published and could pass the tests.
async function cleanDist() {
	fs.rmSync('dist', { recursive: true, force: true });
}

// tsc emits only JavaScript; n8n also needs the icons and the codex files beside it in dist/.
function buildIcons() {
	return src(['icons/*.svg'], { encoding: false }).pipe(dest('dist/icons'));
}

function buildCodex() {
	return src(['nodes/**/*.node.json']).pipe(dest('dist/nodes'));
}

exports['build:icons'] = require('gulp').parallel(buildIcons, buildCodex);
exports.clean = cleanDist;
