'use strict';
// The parts of `npm run packages` that decide what a package holds, without building one (CI builds
// all three, .ci/run): a missing vendor folder, the README's vendor and package blocks, and the
// tarball check that finds another vendor's name (the scanner's part runs in npm run packages).

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { requireVendorFolders } = require('../scripts/packages');
const { PACKAGES, foreignWords } = require('../scripts/packageList');
const { packageReadme } = require('../scripts/packageReadme');
const { checkTarball } = require('../scripts/packageChecks');

const byName = (name) => PACKAGES.find((pkg) => pkg.name === name);
const NAMES = { nodeTitle: 'Node', credentialTitle: 'Credential' };

test('a package whose vendor folder is missing fails to build, naming the folder', () => {
	const pkg = { ...byName('n8n-nodes-omicall'), vendors: ['omicall', 'zalo'] };
	expect(() => requireVendorFolders(pkg)).toThrow(
		'n8n-nodes-omicall: its vendor folder nodes/CallHistory/vendors/zalo is missing',
	);
	expect(() => requireVendorFolders(byName('n8n-nodes-vbot'))).not.toThrow();
});

test('each vendor package is one vendor, and no two packages share a vendor folder list', () => {
	const vendorPackages = PACKAGES.filter((pkg) => pkg.vendors.length === 1);
	expect(vendorPackages.map((pkg) => pkg.vendors[0]).sort()).toEqual(['omicall', 'vbot']);
	expect(foreignWords(byName('n8n-nodes-omicall'))).toEqual(['vbot']);
	expect(foreignWords(byName('n8n-nodes-call-history'))).toEqual([]);
});

describe('a package README from the one template', () => {
	const template = [
		'# {{name}}',
		'<!-- vendor:omicall -->',
		'OMICall row',
		'<!-- /vendor -->',
		'<!-- vendor:vbot -->',
		'VBot row',
		'<!-- /vendor -->',
		'<!-- package:callHistory -->',
		'Which package: all three',
		'<!-- /package -->',
		'The {{nodeTitle}} node',
		'',
	].join('\n');

	test('keeps the blocks of its vendors and package only', () => {
		const omicall = packageReadme(byName('n8n-nodes-omicall'), NAMES, template);
		expect(omicall).toBe('# n8n-nodes-omicall\nOMICall row\nThe Node node\n');
		const combined = packageReadme(byName('n8n-nodes-call-history'), NAMES, template);
		expect(combined).toContain('OMICall row\nVBot row\nWhich package: all three\n');
	});

	test("keeps a table's rows together when its vendor blocks sit apart, as prettier leaves them", () => {
		const table = [
			'| A | B |',
			'| - | - |',
			'',
			'<!-- vendor:vbot -->',
			'',
			'| x | y |',
			'',
			'<!-- /vendor -->',
		];
		const readme = packageReadme(
			byName('n8n-nodes-vbot'),
			NAMES,
			[...table, '', 'After', ''].join('\n'),
		);
		expect(readme).toBe('| A | B |\n| - | - |\n| x | y |\n\nAfter\n');
		for (const pkg of PACKAGES) {
			const rows = packageReadme(pkg, NAMES).match(/^\|.*\|$(\n\n+)^\|/m);
			expect(rows).toBeNull();
		}
	});

	test('refuses a field no package has', () => {
		expect(() => packageReadme(byName('n8n-nodes-vbot'), NAMES, '{{colour}}')).toThrow(
			'README template: {{colour}} is no field of a package',
		);
	});

	test('the real template gives each vendor package a page that names no other vendor', () => {
		for (const pkg of PACKAGES) {
			const readme = packageReadme(pkg, NAMES).toLowerCase();
			for (const word of foreignWords(pkg)) expect(readme).not.toContain(word);
			expect(readme).toContain(`npm install ${pkg.name}`);
		}
	});
});

test("the tarball check finds another vendor's name in any file, and a forbidden import", async () => {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'call-history-packages-test-'));
	try {
		const dir = path.join(work, 'package');
		fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
		const pkg = byName('n8n-nodes-omicall');
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify({ name: pkg.name, version: '0.0.1', license: 'MIT', files: ['dist'] }),
		);
		fs.writeFileSync(
			path.join(dir, 'dist', 'a.js'),
			"const axios = require('axios');\nexports.text = 'Ask VBot';\n",
		);
		execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], {
			cwd: dir,
			stdio: 'ignore',
		});
		const tarball = path.join(work, `${pkg.name}-0.0.1.tgz`);
		const findings = await checkTarball(pkg, tarball, { withScanner: false });
		expect(findings).toEqual(
			expect.arrayContaining([
				'dist/a.js names "vbot"',
				'dist/a.js imports axios, which verified packages may not',
				'no n8n-community-node-package keyword',
				'not MIT with its LICENSE file',
			]),
		);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}, 60_000);
