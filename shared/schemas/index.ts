/** Every API schema, in one import for the server, the client and the OpenAPI generator. */
export * from './common.js';
export * from './hubs.js';
export * from './cities.js';
export * from './people.js';
export * from './applications.js';
export * from './spaces.js';
export * from './posts.js';
export * from './auth.js';
export * from './identityProviders.js';
export * from './signInOptions.js';
export * from './forums.js';
export * from './notifications.js';
export * from './rooms.js';
export * from './search.js';
export * from './myData.js';
