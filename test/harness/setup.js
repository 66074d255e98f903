'use strict';
// n8n-core keeps its instance settings (an encryption key) under N8N_USER_FOLDER; give each test
// worker a throwaway folder instead of ~/.n8n.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-call-history-test-'));

require('./output').install();
