// GET /:network/charter/pdf: the charter in force as a PDF, with the network's member
// organisations and a signature block for the paper copy. Public, like the charter page.
// A resource route (no component, no ErrorBoundary: see charterPdfNotFoundPage).
import type { LoaderFunctionArgs } from "@remix-run/node";

import { getActor } from "#app/access/actor.server";
import { currentVersion } from "#app/models/charter.server";
import { charterPdfNotFound, charterPdfResponse, signatoriesOfVersion } from "#app/models/charter-pdf.server";
import { requireNetwork } from "#app/models/network.server";
import stylesUrl from "#app/styles/app.css";
import { invariantResponse } from "#app/utils/errors.server";
import { resolveLocale } from "#app/utils/i18n.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    const network = await requireNetwork(params.network);
    const version = await currentVersion(network.id);
    invariantResponse(version, "charterPdf.notFound.noCharter");
    const locale = await resolveLocale(request, (await getActor(request))?.locale);
    const signatories = await signatoriesOfVersion(network.id, version, true);
    return await charterPdfResponse(request, { locale, network, networkSlug: network.slug, version, signatories, current: true });
  } catch (error) {
    return charterPdfNotFound(request, params.network, error, stylesUrl);
  }
}
