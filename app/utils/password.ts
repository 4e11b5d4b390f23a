// Shared by the forms' schemas (browser and server): the browser build cannot import *.server.ts.
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
