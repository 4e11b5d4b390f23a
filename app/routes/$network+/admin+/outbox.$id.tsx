import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";

import { requireCoordinator } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { requireNetwork } from "#app/models/network.server";
import { instantFormat } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { invariantResponse } from "#app/utils/errors.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { AdminNav } from "./__admin-nav";

async function requireEmail(networkId: string, id: string | undefined) {
  // Scoped by network: an e-mail of another network is a 404, never shown.
  const email = id
    ? await prisma.outboxEmail.findFirst({
        where: { id, networkId },
        select: {
          id: true,
          to: true,
          subject: true,
          html: true,
          text: true,
          status: true,
          attempts: true,
          lastError: true,
          nextAttemptAt: true,
          sentAt: true,
          createdAt: true,
        },
      })
    : null;
  invariantResponse(email, "error.notFound", 404);
  return email;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  await requireCoordinator(request, network.id);
  const email = await requireEmail(network.id, params.id);
  return {
    network: { slug: network.slug, name: network.name },
    email: {
      ...email,
      createdAt: email.createdAt.toISOString(),
      sentAt: email.sentAt?.toISOString() ?? null,
      nextAttemptAt: email.nextAttemptAt.toISOString(),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = await requireNetwork(params.network);
  await requireCoordinator(request, network.id);
  const email = await requireEmail(network.id, params.id);
  const formData = await request.formData();
  if (formData.get("intent") !== "retry" || email.status !== "failed") return data({ message: "error.badRequest" }, { status: 400 });
  // A fresh round of attempts, due now; the worker picks it up on its next pass.
  await prisma.outboxEmail.updateMany({ where: { id: email.id, status: "failed" }, data: { status: "pending", attempts: 0, nextAttemptAt: now() } });
  return redirectWithToast(`/${network.slug}/admin/outbox/${email.id}`, { kind: "success", key: "outbox.retried" });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.email.subject ?? ""} — Maillage` }];

/** The plain text with its web addresses made into links (invitations are opened from here). */
function LinkedText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"']+)/g);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export default function OutboxEmail() {
  const t = useT();
  const { network, email } = useLoaderData<typeof loader>();
  const when = instantFormat(t.locale, { dateStyle: "long", timeStyle: "short" });
  return (
    <main id="main" className="page">
      <AdminNav network={network} current={t("networkAdmin.nav.outbox")} />
      <p>
        <Link to={`/${network.slug}/admin/outbox`}>{t("outbox.back")}</Link>
      </p>
      <h1>{email.subject}</h1>
      <dl className="facts card">
        <dt>{t("outbox.to")}</dt>
        <dd>{email.to}</dd>
        <dt>{t("outbox.status")}</dt>
        <dd>{t.pick("outbox.status", email.status)}</dd>
        <dt>{t("outbox.attempts")}</dt>
        <dd>{email.attempts}</dd>
        <dt>{t("outbox.created")}</dt>
        <dd>{when.format(new Date(email.createdAt))}</dd>
        <dt>{t("outbox.sent")}</dt>
        <dd>{email.sentAt ? when.format(new Date(email.sentAt)) : "—"}</dd>
        {email.status === "pending" ? (
          <>
            <dt>{t("outbox.nextAttempt")}</dt>
            <dd>{when.format(new Date(email.nextAttemptAt))}</dd>
          </>
        ) : null}
        {email.lastError ? (
          <>
            <dt>{t("outbox.error")}</dt>
            <dd>{email.lastError}</dd>
          </>
        ) : null}
      </dl>
      {email.status === "failed" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="retry" />
          <button type="submit" className="button">
            {t("outbox.retry")}
          </button>
        </Form>
      ) : null}
      <h2>{t("outbox.text")}</h2>
      <pre className="email-text">
        <LinkedText text={email.text} />
      </pre>
      <h2>{t("outbox.html")}</h2>
      <p className="hint">{t("outbox.htmlHint")}</p>
      {/* sandbox="": no script, no form, no navigation of this page from the message. */}
      <iframe className="email-frame" sandbox="" srcDoc={email.html} title={t("outbox.htmlFrame", { subject: email.subject })} />
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
