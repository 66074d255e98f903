'use strict';
// The seeded calls' recordings: a real, small audio file (a one-second WAV tone, 8 kHz, 16-bit
// mono, its pitch taken from the file name) at <base>/recordings/<name>.wav, with no credential,
// like the vendors' recording links. A name in `sandbox.brokenRecordings` answers HTTP 404.
// Links ending .mp3 or .m4a answer the same bytes; `settings.recordingContentType` (default
// audio/wav) is the Content-Type they are served with, '' for none.

const RATE = 8000;

/** A WAV file of `seconds` of a sine tone at `hz`. */
function toneWav(hz, seconds = 1) {
	const samples = RATE * seconds;
	const data = Buffer.alloc(samples * 2);
	for (let i = 0; i < samples; i++) {
		data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / RATE)), i * 2);
	}
	const header = Buffer.alloc(44);
	header.write('RIFF', 0);
	header.writeUInt32LE(36 + data.length, 4);
	header.write('WAVE', 8);
	header.write('fmt ', 12);
	header.writeUInt32LE(16, 16); // fmt chunk size
	header.writeUInt16LE(1, 20); // PCM
	header.writeUInt16LE(1, 22); // mono
	header.writeUInt32LE(RATE, 24);
	header.writeUInt32LE(RATE * 2, 28); // bytes per second
	header.writeUInt16LE(2, 32); // block align
	header.writeUInt16LE(16, 34); // bits per sample
	header.write('data', 36);
	header.writeUInt32LE(data.length, 40);
	return Buffer.concat([header, data]);
}

/** The answer to GET /recordings/<name>, or undefined for any other request. */
function recordingAnswer(req, sandbox) {
	const match = /^\/recordings\/([\w.-]+)\.(?:wav|mp3|m4a)$/.exec(req.path);
	if (req.method !== 'GET' || req.platform !== 'callHistory' || !match) return undefined;
	if (sandbox.brokenRecordings.has(match[1])) {
		return {
			status: 404,
			body: '<html>NoSuchKey</html>',
			headers: { 'content-type': 'text/html' },
		};
	}
	const hz = 300 + ([...match[1]].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 500);
	const type = sandbox.settings.recordingContentType ?? 'audio/wav';
	return { status: 200, body: toneWav(hz), headers: type ? { 'content-type': type } : {} };
}

module.exports = { recordingAnswer, toneWav };
