'use strict';
// What a verifier checks in a package's tarball, offline: the scanner's rules, one vendor only,
// no runtime dependencies, imports n8n allows, no environment, files or timers, the metadata and
// the files its n8n block names.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { foreignWords } = require('./packageList');
const { TARBALL_PATTERNS } = require('./scan');

/** The modules a verified package may import (n8n's verification guidelines). */
const ALLOWED_IMPORTS = ['n8n-workflow', 'luxon', 'lodash', 'moment', 'zod', 'p-limit', 'crypto'];
/** Globals and modules the guidelines forbid: environment, files, timers. */
const FORBIDDEN_CODE = [
	/\bprocess\.(env|exit|cwd)\b/,
	/\bset(Timeout|Interval|Immediate)\s*\(/,
	/require\(["'](node:)?(fs|child_process|os|path)["']\)/,
];

const filesUnder = (dir) =>
	fs
		.readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));

function unpack(tarball) {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'call-history-package-'));
	execFileSync('tar', ['xzf', tarball, '-C', work]);
	return { work, root: path.join(work, 'package') };
}

/** Every file that names a vendor the package does not hold, with the word. */
function foreignMentions(pkg, root) {
	const words = foreignWords(pkg);
	return filesUnder(root).flatMap((file) => {
		const text = fs.readFileSync(file, 'latin1').toLowerCase();
		const word = words.find((w) => text.includes(w));
		return word ? [`${path.relative(root, file)} names "${word}"`] : [];
	});
}

/** Every import of the compiled code that is neither relative nor allowed, and forbidden code. */
function codeFindings(root) {
	return filesUnder(root)
		.filter((file) => file.endsWith('.js') && !file.endsWith(`${path.sep}index.js`))
		.flatMap((file) => {
			const code = fs.readFileSync(file, 'utf8');
			const name = path.relative(root, file);
			const imports = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
			const foreign = imports.filter(
				(spec) => !spec.startsWith('.') && !ALLOWED_IMPORTS.includes(spec.split('/')[0]),
			);
			return [
				...foreign.map((spec) => `${name} imports ${spec}, which verified packages may not`),
				...FORBIDDEN_CODE.filter((rule) => rule.test(code)).map(
					(rule) => `${name} has ${rule} (environment, files or timers)`,
				),
			];
		});
}

function metadataFindings(pkg, root) {
	const json = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const findings = [];
	if (json.name !== pkg.name) findings.push(`package.json names ${json.name}`);
	if (Object.keys(json.dependencies ?? {}).length > 0) findings.push('it has runtime dependencies');
	if (!json.keywords?.includes('n8n-community-node-package')) {
		findings.push('no n8n-community-node-package keyword');
	}
	for (const field of ['description', 'repository', 'homepage', 'author']) {
		if (!json[field]) findings.push(`package.json has no ${field}`);
	}
	if (json.license !== 'MIT' || !fs.existsSync(path.join(root, 'LICENSE'))) {
		findings.push('not MIT with its LICENSE file');
	}
	if (!fs.existsSync(path.join(root, 'README.md'))) findings.push('no README.md');
	const listed = [...(json.n8n?.nodes ?? []), ...(json.n8n?.credentials ?? [])];
	findings.push(
		...listed.filter((file) => !fs.existsSync(path.join(root, file))).map((f) => `no ${f}`),
	);
	return findings;
}

async function scannerFindings(root, work) {
	const before = process.env.TMPDIR;
	process.env.TMPDIR = work;
	try {
		const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
		const result = await scanner.analyzePackage(root, TARBALL_PATTERNS);
		return result.passed ? [] : [`the scanner's rules: ${result.message}\n${result.details ?? ''}`];
	} finally {
		if (before === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = before;
	}
}

/**
 * Why `tarball` would not pass verification, in findings; none when it would. `withScanner: false`
 * leaves out the scanner's rules (an ES module, which jest cannot import).
 */
async function checkTarball(pkg, tarball, { withScanner = true } = {}) {
	const { work, root } = unpack(tarball);
	try {
		return [
			...foreignMentions(pkg, root),
			...codeFindings(root),
			...metadataFindings(pkg, root),
			...(withScanner ? await scannerFindings(root, work) : []),
		];
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

module.exports = { checkTarball };
