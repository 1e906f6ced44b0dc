/**
 * Node-side helpers: what a node and its operations use around the transport (the operation
 * runner, parameters read per item, descriptions, searchable lists, polling cursors, Simplify).
 */
export * from './authentication';
export * from './dateParameter';
export * from './descriptions';
export * from './listSearch';
export * from './operation';
export * from './parameters';
export * from './polling';
export * from './simplify';
export * from './time';
