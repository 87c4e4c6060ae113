/** Board types: none, bed & breakfast, half board, full board, all inclusive. */
export const BOARDS: ReadonlySet<string> = new Set(['nb', 'bb', 'hb', 'fb', 'ai']);
