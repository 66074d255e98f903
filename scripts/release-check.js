'use strict';
// The release check: prepublishOnly, and the Publish workflow's first step. A release is published
// by .github/workflows/publish.yml from a version tag, with the npm provenance statement n8n's
// verification requires; anything else is refused: a local npm publish, a tag that is not
// package.json's version, a version without its release notes in CHANGELOG.md.

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const HOW = 'Release through the tag (README.md, Development › Releasing)';

function hasReleaseNotes(version) {
	const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
	return changelog.split('\n').some((line) => line.trim() === `## ${version}`);
}

/** Why this environment may not publish `version`, or undefined when it may. */
function refusal(version, env) {
	const tag = `v${version}`;
	if (env.GITHUB_ACTIONS !== 'true' || env.GITHUB_REF_TYPE !== 'tag') {
		return `n8n-nodes-call-history is published only by the Publish workflow, with npm provenance. ${HOW}: push the tag ${tag}.`;
	}
	if (env.GITHUB_REF_NAME !== tag) {
		return `The tag ${env.GITHUB_REF_NAME} is not package.json's version (${version}): tag the commit ${tag}, or set the version first. ${HOW}.`;
	}
	if (!hasReleaseNotes(version)) {
		return `CHANGELOG.md has no "## ${version}" section, the release notes. ${HOW}.`;
	}
	return undefined;
}

const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const why = refusal(version, process.env);
if (why) {
	console.error(why);
	process.exitCode = 1;
} else {
	console.log(`Releasing ${version} from the tag v${version}.`);
}
