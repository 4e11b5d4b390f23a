// The minutes of an assembly (issue 12, item 10): once they exist, this address leads to the
// meeting that holds them (its minutes page: the usual workflow, versions and PDF). Before, it says
// where they stand and, to a coordinator of a closed assembly, offers to start them: the draft is
// generated from attendance, proxies and results (app/models/assembly-minutes.server.ts).
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { can } from "#app/access/can";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { startAssemblyMinutes } from "#app/models/assembly-minutes.server";
import { DomainError, forbidden } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { assemblyPath, meetingPath } from "#app/utils/paths";
import { redirectWithToast } from "#app/utils/toast.server";

import { assemblyReader, visibleAssembly } from "./__assembly.server";

async function minutesContext(request: Request, params: { network?: string; assembly?: string }) {
  const reader = await assemblyReader(request, params.network);
  const assembly = await visibleAssembly(reader, params.assembly);
  const mayStart = can(reader.actor, "assembly.startMinutes", { networkId: reader.network.id });
  return { ...reader, assembly, mayStart };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, assembly, mayStart } = await minutesContext(request, params);
  if (assembly.meetingId) throw redirect(meetingPath({ networkSlug: network.slug, meetingId: assembly.meetingId }, "minutes"));
  return {
    network: { slug: network.slug, name: network.name },
    assembly: { id: assembly.id, title: assembly.title, closed: assembly.status === "closed" },
    mayStart,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, actor, assembly, mayStart } = await minutesContext(request, params);
  if (!mayStart) forbidden();
  try {
    const { meetingId, created } = await startAssemblyMinutes(assembly.id, actor.userId);
    const target = meetingPath({ networkSlug: network.slug, meetingId }, created ? "minutes/edit" : "minutes");
    return created ? redirectWithToast(target, { kind: "success", key: "assemblyMinutes.started" }) : redirect(target);
  } catch (error) {
    if (error instanceof DomainError) return data({ refusal: error.message }, { status: error.status });
    throw error;
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? `${t("assemblyMinutes.title")} — ${data.assembly.title}` : undefined));

export default function AssemblyMinutes() {
  const t = useT();
  const { network, assembly, mayStart } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <main id="main" className="page">
      <p>
        <Link to={assemblyPath(network.slug, assembly.id)}>← {assembly.title}</Link>
      </p>
      <h1>{t("assemblyMinutes.title")}</h1>
      <p>{t("assemblyMinutes.intro")}</p>
      {reply?.refusal ? (
        <p className="field-error" role="alert">
          {t.message(reply.refusal)}
        </p>
      ) : null}
      {!assembly.closed ? (
        <p>{t("assemblyMinutes.notYet")}</p>
      ) : mayStart ? (
        <Form method="post">
          <button type="submit">{t("assemblyMinutes.start")}</button>
        </Form>
      ) : (
        <p>{t("assemblyMinutes.none")}</p>
      )}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
