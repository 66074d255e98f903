'use strict';
// The README says what the node does: every option or setting it names in a table, and every
// field it puts in bold beside the word Options or option, is one the node (or its triggers, or the
// credential) has, by the name the editor shows.

const fs = require('node:fs');
const path = require('node:path');
const { DIST } = require('./harness/n8n');

const { CallHistory } = require(path.join(DIST, 'nodes/CallHistory/CallHistory.node.js'));
const { CallHistoryTrigger } = require(
	path.join(DIST, 'nodes/CallHistoryTrigger/CallHistoryTrigger.node.js'),
);
const { CallHistoryApi } = require(path.join(DIST, 'credentials/CallHistoryApi.credentials.js'));
const webhookTrigger = (name) =>
	new (require(path.join(DIST, `nodes/${name}/${name}.node.js`))[name])();

const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

/** Every name the editor shows: fields, the options of collections, and the choices of options. */
function namesIn(properties, names = new Set()) {
	for (const property of properties) {
		if (property.displayName) names.add(property.displayName);
		if (property.name && !property.type && !property.displayName) names.add(property.name);
		if (Array.isArray(property.options)) namesIn(property.options, names);
		if (Array.isArray(property.values)) namesIn(property.values, names);
	}
	return names;
}

/** n8n's own node settings, which the README names too. */
const N8N_SETTINGS = ['Continue On Fail'];

const shown = namesIn([
	...new CallHistory().description.properties,
	...new CallHistoryTrigger().description.properties,
	...webhookTrigger('OmiCallWebhookTrigger').description.properties,
	...webhookTrigger('VbotWebhookTrigger').description.properties,
	...new CallHistoryApi().properties,
]);
N8N_SETTINGS.forEach((name) => shown.add(name));

/** The first cells of README tables headed "Option" or "Setting". */
function tabled() {
	const names = [];
	let inTable = false;
	for (const line of README.split('\n')) {
		const cells = line.split('|').map((cell) => cell.trim());
		if (!line.startsWith('|')) inTable = false;
		else if (/^(Option|Setting)$/.test(cells[1])) inTable = true;
		else if (inTable && !/^-+$/.test(cells[1])) names.push(cells[1].replace(/`/g, ''));
	}
	return names;
}

/** Names in bold in a paragraph (or list item) that speaks of Options or an option. */
const bolded = () =>
	README.split(/\n\s*\n|\n(?=- )/)
		.map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' '))
		.filter((paragraph) => /\bOptions\b|\boption\b/.test(paragraph))
		.flatMap((paragraph) =>
			[...paragraph.matchAll(/\*\*([A-Z][^*]+?)\*\*/g)].map((match) => match[1]),
		)
		// A bold lead-in ("**Parallel windows.**", "**Retried**, …") is a heading, not a name.
		.filter((name) => name !== 'Options' && !name.endsWith('.'));

test('the README names options and settings in tables, and the node has each', () => {
	const names = tabled();

	expect(names.length).toBeGreaterThanOrEqual(10);
	expect(names.filter((name) => !shown.has(name))).toEqual([]);
});

test('each option the README puts in bold beside "Options" is the node’s', () => {
	const names = bolded();

	expect(names).toEqual(expect.arrayContaining(['Download Recordings']));
	expect(names.filter((name) => !shown.has(name))).toEqual([]);
});

test('the seam itself: a name the node lacks is caught', () => {
	expect(shown.has('Max Retries')).toBe(true);
	expect(shown.has('Has Hotline Flag')).toBe(false);
});
