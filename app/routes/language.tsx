import { type ActionFunctionArgs, redirect } from "@remix-run/node";

import { prisma } from "#app/utils/db.server";
import { isLocale } from "#app/utils/i18n";
import { localeCookie } from "#app/utils/i18n.server";
import { getUserId, safeRedirectTo } from "#app/utils/session.server";

export async function loader() {
  return redirect("/");
}

// The language switcher: a cookie for everyone, and the account's setting when signed in.
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const to = safeRedirectTo(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(to);
  const userId = await getUserId(request);
  if (userId) await prisma.user.update({ where: { id: userId }, data: { locale } });
  return redirect(to, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}
