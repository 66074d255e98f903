'use strict';
// Mutants of the build: a copy of dist/ with one check taken out, so a test can show that the
// check, and nothing else, is what makes it pass. They live under node_modules/.cache so that the
// copy still finds n8n-workflow and luxon the way dist/ does.

const fs = require('node:fs');
const path = require('node:path');
const { DIST } = require('../harness/n8n');

const MUTANTS = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'call-history-mutants');

/** dist/ with `find` (which must occur exactly once) replaced in nodes/CallHistory/shared/`file`. */
function mutantWithout(name, { file, find, replace }) {
	const root = path.join(MUTANTS, name.replace(/[^a-z0-9]+/gi, '-'));
	fs.rmSync(root, { recursive: true, force: true });
	fs.cpSync(DIST, root, { recursive: true });
	const target = path.join(root, 'nodes', 'CallHistory', 'shared', file);
	const text = fs.readFileSync(target, 'utf8');
	const found = text.split(find).length - 1;
	if (found !== 1)
		throw new Error(`mutant ${name}: "${find}" is in ${file} ${found} times, not once`);
	fs.writeFileSync(target, text.replace(find, replace));
	return root;
}

module.exports = { mutantWithout };
