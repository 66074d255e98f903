'use strict';
// The packages this source builds: each a list of vendor folders (nodes/CallHistory/vendors/<v>)
// under its own names. `manifest` is the file of common/packages and nodes/CallHistory/packages
// that lists its vendors; `words` are what names each vendor, which no other package may hold.

const REPOSITORY = 'https://github.com/n8n-nodes-call-history/n8n-nodes-call-history';

const VENDOR_WORDS = {
	omicall: ['omicall', 'omi call'],
	vbot: ['vbot'],
};

const PACKAGES = [
	{
		name: 'n8n-nodes-call-history',
		manifest: 'callHistory',
		vendors: ['omicall', 'vbot'],
		node: 'CallHistory',
		trigger: 'CallHistoryTrigger',
		webhookTriggers: ['OmiCallWebhookTrigger', 'VbotWebhookTrigger'],
		credential: 'CallHistoryApi',
		title: 'Call History',
		screenshot: 'docs/node-in-editor.png',
		// Its description and keywords are the root package.json's.
		homepage: `${REPOSITORY}#readme`,
	},
	{
		name: 'n8n-nodes-omicall',
		manifest: 'omicall',
		strict: true,
		vendors: ['omicall'],
		node: 'OmiCall',
		trigger: 'OmiCallTrigger',
		webhookTriggers: ['OmiCallWebhookTrigger'],
		credential: 'OmiCallApi',
		title: 'OMICall',
		screenshot: 'docs/packages/n8n-nodes-omicall/node-in-editor.png',
		description:
			"n8n community node for OMICall's Call History API: list, detail, annotate and report on call-center calls, download their recordings, and start workflows on new calls.",
		keywords: ['omicall', 'call center', 'call history', 'call recording', 'crm', 'vietnam'],
		alias: ['OMICall', 'Call Center', 'Call Log', 'Telephony', 'Tổng đài', 'Cuộc gọi'],
		homepage: `${REPOSITORY}/tree/main/docs/packages/n8n-nodes-omicall`,
	},
	{
		name: 'n8n-nodes-vbot',
		manifest: 'vbot',
		strict: true,
		vendors: ['vbot'],
		node: 'Vbot',
		trigger: 'VbotTrigger',
		webhookTriggers: ['VbotWebhookTrigger'],
		credential: 'VbotApi',
		title: 'VBot',
		screenshot: 'docs/packages/n8n-nodes-vbot/node-in-editor.png',
		description:
			"n8n community node for VBot's CRM call-history API (v2 and v3): a customer's calls and the project's call log, their recordings, and workflows started on new calls.",
		keywords: ['vbot', 'call center', 'call history', 'call recording', 'crm', 'vietnam'],
		alias: ['VBot', 'Call Center', 'Call Log', 'Telephony', 'Tổng đài', 'Cuộc gọi'],
		homepage: `${REPOSITORY}/tree/main/docs/packages/n8n-nodes-vbot`,
	},
];

/** The words that name a vendor the package does not hold: none may appear in its files. */
const foreignWords = (pkg) =>
	Object.entries(VENDOR_WORDS)
		.filter(([vendor]) => !pkg.vendors.includes(vendor))
		.flatMap(([, words]) => words);

module.exports = { PACKAGES, VENDOR_WORDS, foreignWords };
