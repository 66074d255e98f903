'use strict';
// The data `npm run sandbox` and `npm start` serve: 30 days of calls up to now, a VBot history
// for a few customers (v2, and v3's customer history) and 30 days of a VBot v3 project's call log,
// so a person can try every operation by hand.

const { DAY, generateCalls, generateVbotHistory, generateVbotV3Calls } = require('./seed');

const DEMO_VBOT = {
	vbotId: 'VB0001',
	projectCode: 'SIEUTHI-ABC',
	phones: ['0912345678', '0987654321', '0338889999'],
};

/**
 * `perDay` OMICall calls a day (in `callShape`: 'reference' or '2026', see generateCalls) and
 * `v3PerDay` VBot v3 calls a day, over the `days` days up to `now`.
 */
function seedDemo(
	sandbox,
	{ now = Date.now(), days = 30, perDay = 120, v3PerDay = 72, callShape = 'reference' } = {},
) {
	sandbox.calls.replace(
		generateCalls({
			from: now - days * DAY,
			to: now,
			perDay,
			seed: 2026,
			recordingBase: sandbox.url,
			shape: callShape,
		}),
	);
	sandbox.vbotCalls.replace(
		generateVbotV3Calls({ from: now - days * DAY, to: now, perDay: v3PerDay, seed: 2027 }),
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
	return {
		calls: sandbox.calls.size,
		vbot: DEMO_VBOT,
		vbotV3: { calls: sandbox.vbotCalls.size, url: sandbox.vbotV3Url, apiKey: sandbox.vbotApiKey },
	};
}

module.exports = { seedDemo, DEMO_VBOT };
