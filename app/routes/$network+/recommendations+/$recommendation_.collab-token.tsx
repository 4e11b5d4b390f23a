// The token that lets the editor open a recommendation's live text (record 014): JSON, never
// cached, for the signed-in person who may write it ("edit") or read it ("read"), as the access
// module says now. The editor's provider asks for a new one each time it (re)connects, so a
// person whose rights were withdrawn gets none. Anyone else: 404 (the recommendation is not
// revealed); a visitor is asked to sign in.
import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireActor } from "#app/access/actor.server";
import { collabRoleOf, recommendationDocument } from "#app/collab/documents.server";
import { COLLAB_PATH } from "#app/collab/server.server";
import { COLLAB_TOKEN_SECONDS, issueCollabToken } from "#app/collab/token.server";
import { requireNetwork } from "#app/models/network.server";
import { prisma } from "#app/utils/db.server";
import { invariantResponse } from "#app/utils/errors.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await requireActor(request);
  const recommendation = params.recommendation
    ? await prisma.recommendation.findFirst({ where: { id: params.recommendation, networkId: network.id }, select: { id: true } })
    : null;
  invariantResponse(recommendation, "error.notFound", 404);
  const documentName = recommendationDocument(recommendation.id);
  const role = await collabRoleOf(actor.userId, documentName);
  invariantResponse(role, "error.notFound", 404);
  const token = issueCollabToken({ userId: actor.userId, documentName, role });
  return new Response(JSON.stringify({ token, documentName, role, path: COLLAB_PATH, expiresInSeconds: COLLAB_TOKEN_SECONDS }), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
