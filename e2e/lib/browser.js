'use strict';
// Debian's Chromium, driven by playwright-core (never a browser download), with the flags that keep
// it off this machine's closed network.

const { chromium, selectors } = require('playwright-core');

// n8n's editor marks its elements with data-test-id.
selectors.setTestIdAttribute('data-test-id');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function launchBrowser() {
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
		],
	});
}

module.exports = { launchBrowser };
