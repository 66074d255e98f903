'use strict';
// npm run packages: the three npm packages from this one source tree, as tarballs in
// dist-packages/. Each is built apart, in dist-packages/build/<name>/: the source is copied, its
// two package lines (common/package.ts, nodes/CallHistory/package.ts) point at the package's
// list of vendor folders, its node, trigger and credential files are written under its own type
// names, and tsc compiles only what those files reach, so a vendor package holds no other
// vendor's code. Then it is packed, and its tarball checked (scripts/packageChecks.js).
//
// Usage: node scripts/packages.js [package name ...] (default: all three) [--no-lint] (leaves
// n8n-node lint out) [--json] (writes what was built, its type names, to dist-packages/built.json)

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { PACKAGES } = require('./packageList');
const { checkTarball } = require('./packageChecks');
const { packageReadme } = require('./packageReadme');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'dist-packages');
const SOURCES = ['common', 'credentials', 'nodes', 'icons', 'LICENSE', 'tsconfig.json'];
const VENDORS_DIR = 'nodes/CallHistory/vendors';
const PACKAGE_LINES = ['common/package.ts', 'nodes/CallHistory/package.ts'];

const write = (file, text) => {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, text);
};

/** Fails, naming the folder, when a vendor folder the package lists is not in the source. */
function requireVendorFolders(pkg, root = ROOT) {
	for (const vendor of pkg.vendors) {
		const folder = path.join(root, VENDORS_DIR, vendor);
		if (!fs.existsSync(folder)) {
			throw new Error(`${pkg.name}: its vendor folder ${VENDORS_DIR}/${vendor} is missing`);
		}
	}
}

/** The package's list of vendor folders in place of the combined package's, in both package lines. */
function pointPackageLines(stage, pkg) {
	for (const line of PACKAGE_LINES) {
		const file = path.join(stage, line);
		const text = fs.readFileSync(file, 'utf8');
		const pointed = text.replace(/'\.\/packages\/[A-Za-z]+'/, `'./packages/${pkg.manifest}'`);
		if (pointed === text && pkg.manifest !== 'callHistory') {
			throw new Error(`${line} names no ./packages file to point at ${pkg.manifest}`);
		}
		fs.writeFileSync(file, pointed);
	}
}

/**
 * `file` of the combined package as the file of class `cls` in `dir`: the same class under the
 * package's name, its imports of its own folder pointed back there.
 */
function entryAs(stage, file, cls, dir) {
	const text = fs.readFileSync(path.join(stage, file), 'utf8');
	const from = path.basename(file).split('.')[0];
	const ownFolder = path.dirname(file);
	const named = text.replace(new RegExp(`export class ${from}\\b`), `export class ${cls}`);
	const pointed =
		ownFolder === dir
			? named
			: named.replace(/from '\.\/([^']+)'/g, (_, rest) => {
					const target = path.relative(dir, path.join(ownFolder, rest));
					return `from '${target.startsWith('.') ? target : `./${target}`}'`;
				});
	if (named === text) throw new Error(`${file} has no class ${from} to build ${cls} from`);
	write(
		path.join(stage, dir, `${cls}.${path.basename(file).split('.').slice(1).join('.')}`),
		pointed,
	);
}

/** The package's node, trigger and credential files: the combined package's under its own names. */
function writeEntries(stage, pkg) {
	const entries = [
		['nodes/CallHistory/CallHistory.node.ts', pkg.node, `nodes/${pkg.node}`],
		['nodes/CallHistoryTrigger/CallHistoryTrigger.node.ts', pkg.trigger, `nodes/${pkg.trigger}`],
		['credentials/CallHistoryApi.credentials.ts', pkg.credential, 'credentials'],
	];
	for (const [file, cls, dir] of entries) {
		if (!file.includes(`/${cls}.`)) entryAs(stage, file, cls, dir);
	}
	// Another vendor's webhook trigger is no entry, and its folder (its codex) is not the package's.
	const webhookTriggers = new Set(PACKAGES.flatMap((p) => p.webhookTriggers));
	for (const cls of webhookTriggers) {
		if (!pkg.webhookTriggers.includes(cls))
			fs.rmSync(path.join(stage, 'nodes', cls), { recursive: true });
	}
	return {
		nodes: [pkg.node, pkg.trigger, ...pkg.webhookTriggers].map(
			(cls) => `nodes/${cls}/${cls}.node.ts`,
		),
		credentials: [`credentials/${pkg.credential}.credentials.ts`],
	};
}

/**
 * Each node's codex, beside its file: the combined package's own, or for another package the
 * combined node's under the package's node type, aliases and documentation (the combined codex
 * names every vendor, so it is not kept).
 */
function writeCodex(stage, pkg, built) {
	if (pkg.manifest === 'callHistory') return;
	const renamed = [
		[pkg.node, 'CallHistory'],
		[pkg.trigger, 'CallHistoryTrigger'],
	];
	const kept = pkg.webhookTriggers.map((cls) => [cls, cls]);
	for (const [cls, from] of [...renamed, ...kept]) {
		const codexFile = (name) => path.join(stage, `nodes/${name}/${name}.node.json`);
		const codex = JSON.parse(fs.readFileSync(codexFile(from), 'utf8'));
		fs.rmSync(codexFile(from));
		codex.node = `${pkg.name}.${built.types[cls]}`;
		if (from !== cls || !codex.alias) codex.alias = pkg.alias;
		codex.resources = {
			credentialDocumentation: [{ url: `${pkg.homepage}#credentials` }],
			primaryDocumentation: [{ url: pkg.homepage }],
		};
		write(codexFile(cls), `${JSON.stringify(codex, null, '\t')}\n`);
	}
}

/** The values parameter `name` of a node description offers. */
const optionValues = (description, name) =>
	description.properties.find((property) => property.name === name).options.map((o) => o.value);

/**
 * What the built package calls its nodes and credential (n8n's type names and display names), and
 * the resources and trigger sources it offers.
 */
function builtNames(stage, pkg) {
	const load = (file, cls) => new (require(path.join(stage, 'dist', file))[cls])();
	const node = load(`nodes/${pkg.node}/${pkg.node}.node.js`, pkg.node).description;
	const trigger = load(`nodes/${pkg.trigger}/${pkg.trigger}.node.js`, pkg.trigger).description;
	const credential = load(`credentials/${pkg.credential}.credentials.js`, pkg.credential);
	const webhookTypes = pkg.webhookTriggers.map((cls) => [
		cls,
		load(`nodes/${cls}/${cls}.node.js`, cls).description.name,
	]);
	return {
		types: {
			[pkg.node]: node.name,
			[pkg.trigger]: trigger.name,
			...Object.fromEntries(webhookTypes),
		},
		credentialType: credential.name,
		resources: optionValues(node, 'resource'),
		sources: optionValues(trigger, 'source'),
		nodeTitle: node.displayName,
		credentialTitle: credential.displayName,
	};
}

/**
 * `n8n-node lint` in the package's folder, as a verifier runs it: strict (n8n Cloud's rules),
 * with the default ESLint config the strict mode insists on, over the package's TypeScript.
 */
function lintAsVerifier(stage) {
	write(
		path.join(stage, 'eslint.config.mjs'),
		fs.readFileSync(
			path.join(
				ROOT,
				'node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs',
			),
			'utf8',
		),
	);
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
	execFileSync(path.join(ROOT, 'node_modules', '.bin', 'n8n-node'), ['lint'], {
		cwd: stage,
		stdio: 'inherit',
	});
}

/** tsc over the package's entries alone: it emits what they import, and nothing else. */
function compile(stage, entries) {
	const tsconfig = JSON.parse(fs.readFileSync(path.join(stage, 'tsconfig.json'), 'utf8'));
	tsconfig.compilerOptions = {
		...tsconfig.compilerOptions,
		declaration: false,
		sourceMap: false,
		removeComments: true,
	};
	delete tsconfig.include;
	tsconfig.files = [...entries.nodes, ...entries.credentials];
	fs.writeFileSync(path.join(stage, 'tsconfig.json'), JSON.stringify(tsconfig, null, '\t'));
	const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
	execFileSync(bin('tsc'), ['-p', stage], { stdio: 'inherit' });
}

/** The icons and codex files beside the compiled nodes, by the build's own gulp task. */
function copyAssets(stage) {
	const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
	execFileSync(
		bin('gulp'),
		['--gulpfile', path.join(ROOT, 'gulpfile.js'), '--cwd', stage, 'build:icons'],
		{
			stdio: ['ignore', 'ignore', 'inherit'],
		},
	);
}

/** Removes the TypeScript the package's entries do not reach: its folder is then its source. */
function pruneUnreached(stage) {
	const listed = execFileSync(
		path.join(ROOT, 'node_modules', '.bin', 'tsc'),
		['-p', stage, '--listFilesOnly'],
		{ encoding: 'utf8' },
	);
	const reached = new Set(listed.split('\n').map((file) => path.resolve(file.trim())));
	for (const dir of ['common', 'credentials', 'nodes']) {
		const files = fs.readdirSync(path.join(stage, dir), { recursive: true });
		for (const file of files.map((f) => path.join(stage, dir, f))) {
			if (file.endsWith('.ts') && !reached.has(path.resolve(file))) fs.rmSync(file);
		}
	}
}

/** package.json of the package: the root's metadata, its own name, words and files. */
function packageJson(pkg, entries) {
	const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const js = (file) => `dist/${file.replace(/\.ts$/, '.js')}`;
	return {
		name: pkg.name,
		version: root.version,
		description: pkg.description ?? root.description,
		keywords: pkg.keywords
			? ['n8n-community-node-package', 'n8n', 'n8n-node', ...pkg.keywords]
			: root.keywords,
		license: root.license,
		homepage: pkg.homepage,
		bugs: root.bugs,
		author: root.author,
		repository: root.repository,
		main: 'index.js',
		files: ['dist', 'index.js'],
		publishConfig: root.publishConfig,
		engines: root.engines,
		n8n: {
			n8nNodesApiVersion: root.n8n.n8nNodesApiVersion,
			...(pkg.strict && { strict: true }),
			credentials: entries.credentials.map(js),
			nodes: entries.nodes.map(js),
		},
		peerDependencies: root.peerDependencies,
	};
}

/** `text` as prettier writes a file named `file` here, so that the committed copy passes lint. */
async function formatted(text, file) {
	const prettier = require('prettier');
	const options = await prettier.resolveConfig(path.join(ROOT, file));
	return prettier.format(text, { ...options, filepath: file });
}

/**
 * Builds one package in its own folder and packs it: returns its name, the tarball's path, its
 * node, trigger and credential type names, vendors, resources and trigger sources. `lint: false` leaves out n8n-node lint (for tests).
 */
async function buildPackage(pkg, { lint = true } = {}) {
	requireVendorFolders(pkg);
	const stage = path.join(OUT, 'build', pkg.name);
	fs.rmSync(stage, { recursive: true, force: true });
	for (const item of SOURCES) {
		fs.cpSync(path.join(ROOT, item), path.join(stage, item), { recursive: true });
	}
	pointPackageLines(stage, pkg);
	const entries = writeEntries(stage, pkg);
	compile(stage, entries);
	const built = builtNames(stage, pkg);
	writeCodex(stage, pkg, built);
	copyAssets(stage);
	pruneUnreached(stage);
	write(path.join(stage, 'index.js'), fs.readFileSync(path.join(ROOT, 'index.js'), 'utf8'));
	write(
		path.join(stage, 'package.json'),
		`${JSON.stringify(packageJson(pkg, entries), null, '\t')}\n`,
	);
	const readme = await formatted(packageReadme(pkg, built), 'README.md');
	write(path.join(stage, 'README.md'), readme);
	// The npm page as committed, for the repository's links to it (CI checks it was committed).
	write(path.join(ROOT, 'docs', 'packages', pkg.name, 'README.md'), readme);
	if (pkg.strict && lint) lintAsVerifier(stage);
	const [report] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', OUT], {
			cwd: stage,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		}),
	);
	return {
		name: pkg.name,
		tarball: path.join(OUT, report.filename),
		types: {
			node: built.types[pkg.node],
			trigger: built.types[pkg.trigger],
			webhookTriggers: pkg.webhookTriggers.map((cls) => built.types[cls]),
			credential: built.credentialType,
		},
		vendors: pkg.vendors,
		resources: built.resources,
		sources: built.sources,
	};
}

async function main(args) {
	const names = args.filter((arg) => !arg.startsWith('--'));
	const lint = !args.includes('--no-lint');
	const chosen = names.length > 0 ? PACKAGES.filter((p) => names.includes(p.name)) : PACKAGES;
	if (chosen.length !== Math.max(names.length, chosen.length) || chosen.length === 0) {
		throw new Error(`Pick among: ${PACKAGES.map((p) => p.name).join(', ')}`);
	}
	fs.mkdirSync(OUT, { recursive: true });
	let passed = true;
	const builds = [];
	for (const pkg of chosen) {
		const build = await buildPackage(pkg, { lint });
		builds.push(build);
		const { tarball } = build;
		const failures = await checkTarball(pkg, tarball);
		for (const failure of failures) console.log(`FAILED: ${pkg.name}: ${failure}`);
		if (failures.length === 0) console.log(`passed: ${path.relative(ROOT, tarball)}`);
		passed &&= failures.length === 0;
	}
	if (args.includes('--json'))
		write(path.join(OUT, 'built.json'), JSON.stringify(builds, null, '\t'));
	return passed;
}

if (require.main === module) {
	main(process.argv.slice(2)).then(
		(passed) => {
			process.exitCode = passed ? 0 : 1;
		},
		(error) => {
			console.error(error.message);
			process.exitCode = 1;
		},
	);
}

module.exports = { buildPackage, requireVendorFolders, OUT };
