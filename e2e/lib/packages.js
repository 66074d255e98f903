'use strict';
// The packages of `npm run packages`, built for a real n8n: each tarball with its type names,
// vendors, resources and trigger sources (what e2e/lib/stack.js needs to install it and import
// its credentials and examples). Built in a process of its own, as npm run packages builds them,
// with n8n-node lint left to it.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const REPO = path.join(__dirname, '..', '..');

/** The packages named (all three when none), built and checked: answers them by name. */
function builtPackages(names = []) {
	execFileSync(
		process.execPath,
		[path.join(REPO, 'scripts/packages.js'), ...names, '--no-lint', '--json'],
		{ stdio: ['ignore', 'ignore', 'inherit'] },
	);
	const builds = JSON.parse(fs.readFileSync(path.join(REPO, 'dist-packages/built.json'), 'utf8'));
	return Object.fromEntries(builds.map((build) => [build.name, build]));
}

module.exports = { builtPackages };
