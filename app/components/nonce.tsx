import { createContext, useContext } from "react";

// The Content-Security-Policy nonce of this response (server.ts makes one per request): Remix's
// inline scripts carry it. In the browser it is empty, which is what the DOM shows of a nonce.
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
