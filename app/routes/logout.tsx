import { type ActionFunctionArgs, redirect } from "@remix-run/node";

import { destroyUserSession } from "#app/utils/session.server";
import { toastHeader } from "#app/utils/toast.server";

// Signing out is a POST (a link could be followed by a prefetch or a crawler).
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const headers = new Headers();
  headers.append("Set-Cookie", await destroyUserSession(request));
  headers.append("Set-Cookie", await toastHeader({ kind: "info", key: "logout.done" }));
  return redirect("/", { headers });
}
