// What changed between two versions of the charter, word by word, computed on the server (the
// browser receives the parts, not a diff library). Added and removed words are marked for the
// eye (colour and strike-through) and for screen readers (hidden words "added", "removed").
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { diffWordsWithSpace } from "diff";

import { getActor } from "#app/access/actor.server";
import { isCoordinator } from "#app/access/network";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { requireNetwork } from "#app/models/network.server";
import { prisma } from "#app/utils/db.server";
import { metaT } from "#app/utils/i18n";
import { htmlToPlainText } from "#app/utils/rich-text.server";

type Part = { kind: "same" | "added" | "removed"; text: string };
type Errors = { from?: string; to?: string };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const coordinator = isCoordinator(await getActor(request), network.id);
  const versions = await prisma.charterVersion.findMany({
    where: { networkId: network.id, ...(coordinator ? {} : { status: "published" }) },
    orderBy: { number: "asc" },
    select: { number: true, title: true, body: true },
  });
  const url = new URL(request.url);
  const pick = (name: string) => {
    const raw = url.searchParams.get(name) ?? "";
    return /^\d{1,6}$/.test(raw) ? versions.find((v) => v.number === Number(raw)) : undefined;
  };
  const base = { network: { slug: network.slug, name: network.name }, numbers: versions.map((v) => v.number) };
  if (!url.searchParams.has("from") && !url.searchParams.has("to")) {
    // The page opened without a choice: a form to make one, nothing to correct yet. The last two
    // versions are proposed.
    const [before, last] = versions.slice(-2).map((v) => v.number);
    return { ...base, from: last === undefined ? null : before, to: last ?? null, errors: {} as Errors, parts: [] as Part[], added: 0, removed: 0 };
  }
  const from = pick("from");
  const to = pick("to");
  const errors: Errors = {};
  if (!from) errors.from = "charter.diff.unknownVersion";
  if (!to) errors.to = "charter.diff.unknownVersion";
  if (from && to && from.number === to.number) errors.to = "charter.diff.sameVersion";
  if (!from || !to || errors.to) {
    // Versions that do not exist (or drafts for visitors) are a reader's mistake: say so beside the fields.
    return data(
      { ...base, from: from?.number ?? null, to: to?.number ?? null, errors, parts: [] as Part[], added: 0, removed: 0 },
      { status: versions.length < 2 ? 404 : 400 },
    );
  }
  const text = (v: { title: string; body: string }) => `${v.title}\n\n${htmlToPlainText(v.body)}`;
  const changes = diffWordsWithSpace(text(from), text(to));
  const parts: Part[] = changes.map((c) => ({ kind: c.added ? "added" : c.removed ? "removed" : "same", text: c.value }));
  const words = (kind: Part["kind"]) => parts.filter((p) => p.kind === kind).reduce((n, p) => n + p.text.split(/\s+/).filter(Boolean).length, 0);
  return { ...base, from: from.number, to: to.number, errors, parts, added: words("added"), removed: words("removed") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaT(matches)("charter.diff.metaTitle", { network: data.network.name }) : "Maillage" },
];

export default function Diff() {
  const t = useT();
  const { network, numbers, from, to, errors, parts, added, removed } = useLoaderData<typeof loader>();
  const base = `/${network.slug}/charter`;
  const options = numbers.map((n) => (
    <option key={n} value={n}>
      {t("charter.diff.option", { number: n })}
    </option>
  ));
  return (
    <main id="main" className="page">
      <p>
        <Link to={`${base}/versions`}>← {t("charter.versions.title")}</Link>
      </p>
      <h1>{from && to && parts.length ? t("charter.diff.title", { from, to }) : t("charter.diff.compare")}</h1>
      <Form method="get" className="card diff-form">
        <div className="cluster">
          <div className={`field${errors.from ? " field--invalid" : ""}`}>
            <label htmlFor="diff-from">{t("charter.diff.from")}</label>
            <select
              id="diff-from"
              name="from"
              defaultValue={from ?? ""}
              aria-invalid={errors.from ? true : undefined}
              aria-describedby={errors.from ? "diff-from-error" : undefined}
            >
              {from ? null : <option value="">—</option>}
              {options}
            </select>
            {errors.from ? (
              <p id="diff-from-error" className="field-error">
                <span aria-hidden="true">⚠ </span>
                {t.message(errors.from)}
              </p>
            ) : null}
          </div>
          <div className={`field${errors.to ? " field--invalid" : ""}`}>
            <label htmlFor="diff-to">{t("charter.diff.to")}</label>
            <select
              id="diff-to"
              name="to"
              defaultValue={to ?? ""}
              aria-invalid={errors.to ? true : undefined}
              aria-describedby={errors.to ? "diff-to-error" : undefined}
            >
              {to ? null : <option value="">—</option>}
              {options}
            </select>
            {errors.to ? (
              <p id="diff-to-error" className="field-error">
                <span aria-hidden="true">⚠ </span>
                {t.message(errors.to)}
              </p>
            ) : null}
          </div>
        </div>
        <button type="submit" className="button">
          {t("charter.diff.submit")}
        </button>
      </Form>
      {parts.length ? (
        <>
          <p className="lead">{t("charter.diff.summary", { added, removed })}</p>
          <p className="hint">{t("charter.diff.legend")}</p>
          <div className="diff-text">
            {parts.map((p, i) =>
              p.kind === "added" ? (
                <ins key={i}>
                  <span className="visually-hidden">[{t("charter.diff.added")} </span>
                  {p.text}
                  <span className="visually-hidden">]</span>
                </ins>
              ) : p.kind === "removed" ? (
                <del key={i}>
                  <span className="visually-hidden">[{t("charter.diff.removed")} </span>
                  {p.text}
                  <span className="visually-hidden">]</span>
                </del>
              ) : (
                <span key={i}>{p.text}</span>
              ),
            )}
          </div>
        </>
      ) : null}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
