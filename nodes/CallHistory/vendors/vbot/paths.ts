/** The count requests of VBot's two lists: the cheapest read-only ones, for the credential's test too. */
export const VBOT_HISTORY_COUNT_PATH = '/api/crm/historycall/countAll';
export const VBOT_LOG_COUNT_PATH = '/m-cdr/api/call/count-all';
