/**
 * The API paths both the credential (its test request) and the node ask: each platform's
 * cheapest read-only request. The vendor modules take them from here.
 */
export const OMICALL_REPORT_PATH = '/api/call_transaction/report';
export const VBOT_HISTORY_COUNT_PATH = '/api/crm/historycall/countAll';
export const VBOT_LOG_COUNT_PATH = '/m-cdr/api/call/count-all';
