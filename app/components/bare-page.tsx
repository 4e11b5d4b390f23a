// A page shown alone, without the site's header, navigation and footer (the room screen on a
// projector): its route exports `handle = { bare: true }` (BareHandle). The root layout and the
// network's layout read it through useBarePage; the page still gives its own <main id="main">.
// Only when the page's loader answered: its error page (403, 404) keeps the header and the
// navigation, so that the reader can log in or go elsewhere.
import { useMatches } from "@remix-run/react";

export type BareHandle = { bare?: boolean };

export function useBarePage() {
  return useMatches().some((m) => (m.handle as BareHandle | undefined)?.bare === true && m.data != null);
}
