'use strict';
// The published package: what `npm pack` puts in the tarball, checked against the `n8n` block,
// and loaded from the unpacked tarball by n8n-core's own package loader, as n8n loads it.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { PackageDirectoryLoader } = require('n8n-core');

const root = path.resolve(__dirname, '..');
const pkg = require('../package.json');

let files;
let unpacked;

beforeAll(() => {
	// Unpacked inside node_modules so that `n8n-workflow` resolves for the loader, as n8n provides it.
	const work = fs.mkdtempSync(path.join(root, 'node_modules', '.pack-test-'));
	const [report] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}),
	);
	files = report.files.map((f) => f.path).sort();
	execFileSync('tar', ['xzf', path.join(work, report.filename), '-C', work]);
	unpacked = path.join(work, 'package');
}, 60_000);

afterAll(() => {
	if (unpacked) fs.rmSync(path.dirname(unpacked), { recursive: true, force: true });
});

describe('package.json', () => {
	test('is a community node package with no runtime dependencies', () => {
		expect(pkg.name).toMatch(/^n8n-nodes-/);
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.n8n).toEqual({
			n8nNodesApiVersion: 1,
			credentials: ['dist/credentials/CallHistoryApi.credentials.js'],
			nodes: [
				'dist/nodes/CallHistory/CallHistory.node.js',
				'dist/nodes/CallHistoryTrigger/CallHistoryTrigger.node.js',
				'dist/nodes/OmiCallWebhookTrigger/OmiCallWebhookTrigger.node.js',
				'dist/nodes/VbotWebhookTrigger/VbotWebhookTrigger.node.js',
			],
		});
		expect(pkg.license).toBe('MIT');
	});

	test('says where it comes from, one GitHub repository, as npm provenance and a verifier check it', () => {
		const repo = 'https://github.com/n8n-nodes-call-history/n8n-nodes-call-history';
		// npm refuses a provenance statement whose repository is not the one the workflow ran in.
		expect(pkg.repository).toEqual({ type: 'git', url: `git+${repo}.git` });
		expect(pkg.homepage).toBe(`${repo}#readme`);
		expect(pkg.bugs).toEqual({ url: `${repo}/issues` });
		expect(pkg.author.name).toEqual(expect.any(String));
		expect(pkg.keywords).toEqual(expect.arrayContaining(['omicall', 'vbot', 'call center']));
		expect(pkg.publishConfig).toEqual({ access: 'public', provenance: true });
		const codexUrls = [
			'CallHistory/CallHistory.node.json',
			'CallHistoryTrigger/CallHistoryTrigger.node.json',
		]
			.map((file) => require(`../nodes/${file}`).resources)
			.flatMap((resources) =>
				Object.values(resources)
					.flat()
					.map(({ url }) => url),
			);
		for (const url of codexUrls) expect(url.startsWith(`${repo}#`)).toBe(true);
	});
});

describe('the tarball', () => {
	test('holds every file of the n8n block, the codex and both icons, and nothing else but index.js (the main) and what npm always adds', () => {
		for (const file of [...pkg.n8n.credentials, ...pkg.n8n.nodes]) expect(files).toContain(file);
		expect(files).toContain('dist/nodes/CallHistory/CallHistory.node.json');
		expect(files).toContain('dist/nodes/CallHistoryTrigger/CallHistoryTrigger.node.json');
		expect(files).toEqual(
			expect.arrayContaining(['dist/icons/callHistory.svg', 'dist/icons/callHistory.dark.svg']),
		);
		expect(files.filter((f) => !f.startsWith('dist/'))).toEqual([
			'LICENSE',
			'README.md',
			'index.js',
			'package.json',
		]);
		expect(files.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
		expect(files.filter((f) => f.includes('test'))).toEqual([]);
	});

	test("loads with n8n-core's package loader: the node, the trigger, one credential, codex and icons found", async () => {
		const loader = new PackageDirectoryLoader(unpacked);
		await loader.loadAll();

		expect(loader.packageName).toBe('n8n-nodes-call-history');
		expect(Object.keys(loader.nodeTypes)).toEqual([
			'callHistory',
			'callHistoryTrigger',
			'omiCallWebhookTrigger',
			'vbotWebhookTrigger',
		]);
		expect(Object.keys(loader.credentialTypes)).toEqual(['callHistoryApi']);
		const { description } = loader.nodeTypes.callHistory.type;
		expect(description.credentials).toEqual([{ name: 'callHistoryApi', required: true }]);
		expect(description.usableAsTool).toBe(true);
		expect(description.codex.categories).toEqual(['Communication', 'Sales']);
		// n8n's Tool variant takes its AI tools panel folder from subcategories.Tools. n8n 2.40.7's
		// editor names a folder by its translation (Other Tools: "Action in an app", beside the other
		// apps' tools) and shows any other name as a raw key ("nodeCreator.subcategoryNames.…").
		expect(description.codex.subcategories).toEqual({ Tools: ['Other Tools'] });
		for (const icon of Object.values(description.iconUrl ?? {})) {
			expect(
				fs.existsSync(path.join(unpacked, icon.replace(/^icons\/n8n-nodes-call-history\//, ''))),
			).toBe(true);
		}
		const trigger = loader.nodeTypes.callHistoryTrigger.type.description;
		expect(trigger.polling).toBe(true);
		expect(trigger.codex.categories).toEqual(['Communication', 'Sales']);
		// The nodes panel searches display names and codex aliases; the credential picker, display
		// names alone.
		for (const { codex } of [description, trigger]) {
			expect(codex.alias).toEqual(expect.arrayContaining(['OMICall', 'VBot']));
		}
		const credential = loader.credentialTypes.callHistoryApi.type;
		expect(credential.displayName).toMatch(/OMICall/);
		expect(credential.displayName).toMatch(/VBot/);
		expect(loader.nodesByCredential).toEqual({
			callHistoryApi: [
				'callHistory',
				'callHistoryTrigger',
				'omiCallWebhookTrigger',
				'vbotWebhookTrigger',
			],
		});
	});
});
