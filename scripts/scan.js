'use strict';
// npm run scan: the checks of n8n's package scanner (`npx @n8n/scan-community-package`), offline.
// The scanner's CLI needs the package on the registry with a provenance statement; what it then
// runs is its exported analyzePackage, on the source the provenance points at and on the published
// tarball. Here the same function runs on this source tree and on the tarball `npm pack` makes.
//
// Usage: node scripts/scan.js [package folder, default: this repository] (built first: the
// tarball is packed from dist/ as it is).

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// What the scanner lints in the published tarball (analyzePackageByName in its scanner.mjs): the
// compiled JavaScript and package.json. The source leg uses its exported SOURCE_FILE_PATTERNS.
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

function packAndUnpack(packageRoot, work) {
	const [report] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
			cwd: packageRoot,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		}),
	);
	const unpacked = path.join(work, 'package');
	execFileSync('tar', ['xzf', path.join(work, report.filename), '-C', work]);
	return unpacked;
}

/** The files the `n8n` block names that the tarball lacks: a tarball without them scans clean. */
function missingFromTarball(unpacked) {
	const { n8n = {} } = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
	return [...(n8n.credentials ?? []), ...(n8n.nodes ?? [])].filter(
		(file) => !fs.existsSync(path.join(unpacked, file)),
	);
}

function report(label, result) {
	console.log(
		`${result.passed ? 'passed' : 'FAILED'}: ${label}${result.message ? ` (${result.message})` : ''}`,
	);
	if (result.details) console.log(result.details);
	return result.passed;
}

async function scan(packageRoot) {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'call-history-scan-'));
	// The scanner makes a temporary folder of its own when it loads: inside ours, removed with it.
	process.env.TMPDIR = work;
	try {
		const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
		const source = await scanner.analyzePackage(packageRoot, scanner.SOURCE_FILE_PATTERNS);
		const unpacked = packAndUnpack(packageRoot, work);
		const missing = missingFromTarball(unpacked);
		const tarball =
			missing.length > 0
				? { passed: false, message: `no ${missing.join(', ')} in it: run npm run build first` }
				: await scanner.analyzePackage(unpacked, TARBALL_PATTERNS);
		const sourcePassed = report(`the scanner's rules on the source (${packageRoot})`, source);
		const tarballPassed = report("the scanner's rules on the packed tarball", tarball);
		return sourcePassed && tarballPassed;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

if (require.main === module) {
	scan(path.resolve(process.argv[2] ?? path.join(__dirname, '..'))).then(
		(passed) => {
			process.exitCode = passed ? 0 : 1;
		},
		(error) => {
			console.error(error);
			process.exitCode = 1;
		},
	);
}

module.exports = { TARBALL_PATTERNS };
