// The package being built: `npm run packages` points this line at another file of ./packages.
export { NODE_PACKAGE } from './packages/callHistory';
