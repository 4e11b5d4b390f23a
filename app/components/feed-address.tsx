// The address of a calendar feed, ready to copy: a read-only field (select it and copy, works
// without JavaScript) and, once the page runs JavaScript, a "Copy" button that says it worked.
import { useEffect, useRef, useState } from "react";

import { useT } from "./i18n";

export function FeedAddress({ id, url, label }: { id: string; url: string; label: string }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  const [status, setStatus] = useState("");
  useEffect(() => setEnhanced(true), []);
  async function copy() {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(url);
      setStatus(t("calendar.feeds.copied"));
    } catch {
      // No clipboard permission (an old browser, an http page): the address is selected instead.
      setStatus(t("calendar.feeds.copyManually"));
    }
  }
  return (
    <div className="field feed-address">
      <label htmlFor={id}>{label}</label>
      <div className="feed-address__row">
        <input ref={input} id={id} type="text" readOnly value={url} className="feed-address__input" onFocus={(e) => e.currentTarget.select()} />
        {enhanced ? (
          <button type="button" className="button button--small button--secondary" onClick={copy}>
            {t("calendar.feeds.copy")}
            <span className="visually-hidden"> ({label})</span>
          </button>
        ) : null}
      </div>
      <p className="feed-address__status" role="status">
        {status}
      </p>
    </div>
  );
}
