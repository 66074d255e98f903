'use strict';
// The data `npm run sandbox` and `npm start` serve: 30 days of calls up to now and a VBot history
// for a few customers, so a person can try every operation by hand.

const { DAY, generateCalls, generateVbotHistory } = require('./seed');

const DEMO_VBOT = {
	vbotId: 'VB0001',
	projectCode: 'SIEUTHI-ABC',
	phones: ['0912345678', '0987654321', '0338889999'],
};

function seedDemo(sandbox, { now = Date.now(), days = 30, perDay = 120 } = {}) {
	sandbox.calls.replace(
		generateCalls({
			from: now - days * DAY,
			to: now,
			perDay,
			seed: 2026,
			recordingBase: sandbox.url,
		}),
	);
	sandbox.vbot.replace(
		DEMO_VBOT.phones.flatMap((phone, i) =>
			generateVbotHistory({
				vbotId: DEMO_VBOT.vbotId,
				projectCode: DEMO_VBOT.projectCode,
				phone,
				count: [75, 12, 0][i],
				newest: now - i * 3_600_000,
				seed: 100 + i,
				recordingBase: sandbox.url,
			}),
		),
	);
	return { calls: sandbox.calls.size, vbot: DEMO_VBOT };
}

module.exports = { seedDemo, DEMO_VBOT };
