// n8n loads this package's node and credential from the "n8n" block of package.json.
// The package has no JavaScript API of its own.
module.exports = {};
