'use strict';
// Records everything the node and n8n print (console methods, and console._stdout / _stderr,
// which n8n's winston logger writes to), so tests can search it for secrets. Installed once per
// test file by setup.js, before n8n's logger binds to the console. TEST_VERBOSE=1 also prints it.

const { inspect } = require('node:util');

const printed = [];

function install() {
	const verbose = Boolean(process.env.TEST_VERBOSE);
	for (const method of ['log', 'info', 'warn', 'error', 'debug']) {
		const original = console[method].bind(console);
		console[method] = (...args) => {
			printed.push(
				args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 8 }))).join(' '),
			);
			if (verbose) original(...args);
		};
	}
	for (const stream of ['_stdout', '_stderr']) {
		const original = console[stream];
		console[stream] = {
			write(chunk, ...rest) {
				printed.push(String(chunk));
				return verbose && original ? original.write(chunk, ...rest) : true;
			},
		};
	}
}

/** A mark in the record, and what was printed since a mark. */
const mark = () => printed.length;
const printedSince = (from) => printed.slice(from).join('\n');

module.exports = { install, mark, printedSince };
