'use strict';
// The queue-mode workflows (../workflows/): a month of calls synced in one execution, a year as
// twelve of them (one HTTP call per month to the month's webhook, which main puts on the queue),
// and the latest calls with their recordings. Shared by the suite and the bench.

const fs = require('node:fs');
const path = require('node:path');

const DIR = path.join(__dirname, '..', 'workflows');
const WEBHOOKS = {
	month: 'call-history-month',
	year: 'call-history-year',
	recordings: 'call-history-recordings',
};

/** The workflows, as { file: workflow }, for n8n at `n8nUrl`; `settings` is added to each. */
function queueWorkflows(n8nUrl, settings = {}) {
	const read = (file) => {
		const text = fs
			.readFileSync(path.join(DIR, file), 'utf8')
			.replaceAll('__MONTH_WEBHOOK__', `${n8nUrl}/webhook/${WEBHOOKS.month}`);
		const workflow = JSON.parse(text);
		return { ...workflow, settings: { ...workflow.settings, ...settings } };
	};
	return Object.fromEntries(
		['month-sync.json', 'year-sync.json', 'recordings.json'].map((file) => [file, read(file)]),
	);
}

module.exports = { queueWorkflows, WEBHOOKS };
