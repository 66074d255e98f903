'use strict';

module.exports = async function globalTeardown() {
	await globalThis.callHistoryStack?.n8n.stop();
};
