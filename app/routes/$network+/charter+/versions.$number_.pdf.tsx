// GET /:network/charter/versions/:number/pdf: one version of the charter as a PDF. A published
// version is public: its signatories are the organisations that adhered to that very version (the
// current members on the version in force). A draft exists only for the network's coordinators,
// marked "draft — not in force" on every page; anyone else gets the same 404 as for no version.
// A resource route (no component, no ErrorBoundary: see charterPdfNotFoundPage); `$number_`
// keeps it out of the version page's layout (versions.$number.tsx).
import type { LoaderFunctionArgs } from "@remix-run/node";

import { getActor } from "#app/access/actor.server";
import { isCoordinator } from "#app/access/network";
import { currentVersion } from "#app/models/charter.server";
import { charterPdfNotFound, charterPdfResponse, pdfVersionSelect, signatoriesOfVersion } from "#app/models/charter-pdf.server";
import { requireNetwork } from "#app/models/network.server";
import stylesUrl from "#app/styles/app.css";
import { prisma } from "#app/utils/db.server";
import { invariantResponse } from "#app/utils/errors.server";
import { resolveLocale } from "#app/utils/i18n.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    const network = await requireNetwork(params.network);
    const number = /^[1-9]\d{0,8}$/.test(params.number ?? "") ? Number(params.number) : null;
    invariantResponse(number, "charterPdf.notFound.noVersion");
    const actor = await getActor(request);
    const version = await prisma.charterVersion.findUnique({ where: { networkId_number: { networkId: network.id, number } }, select: pdfVersionSelect });
    invariantResponse(version && (version.status === "published" || isCoordinator(actor, network.id)), "charterPdf.notFound.noVersion");
    const current = version.status === "published" && (await currentVersion(network.id))?.id === version.id;
    const locale = await resolveLocale(request, actor?.locale);
    const signatories = await signatoriesOfVersion(network.id, version, current);
    return await charterPdfResponse(request, { locale, network, networkSlug: network.slug, version, signatories, current });
  } catch (error) {
    return charterPdfNotFound(request, params.network, error, stylesUrl);
  }
}
