// A rich-text field that works without JavaScript. The server renders a plain <textarea> (with a
// hidden `<name>Format=text` and a hint explaining the plain format, see plainTextToHtml); once
// JavaScript runs, it is replaced by the Tiptap editor (rich-text-editor.client.tsx), which posts
// HTML in a hidden input with `<name>Format=html`. The server sanitizes either before storing.
// Tiptap is imported only by the routes that render this field, so other pages never load it.
import { type ReactNode, useEffect, useRef, useState } from "react";

import { FieldError } from "./forms";
import { useT } from "./i18n";
import { TiptapEditor } from "./rich-text-editor.client";

type Meta = { id: string; name: string; errorId: string; errors?: string[] };

export function RichTextField({
  meta,
  label,
  hint,
  html,
  text,
  rows = 16,
}: {
  meta: Meta;
  label: ReactNode;
  hint?: ReactNode;
  /** The initial content for the editor (sanitized HTML). */
  html: string;
  /** The same content in the plain format, for the textarea (htmlToPlainText on the server). */
  text: string;
  rows?: number;
}) {
  const t = useT();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  const focusEditor = useRef<() => void>();
  useEffect(() => {
    // `TiptapEditor` is undefined on the server (a .client module). If someone already typed in
    // the plain field before the scripts arrived (slow connection), keep it: their text wins.
    if (!TiptapEditor) return;
    if (textarea.current && textarea.current.value.replace(/\r\n?/g, "\n") !== text.replace(/\r\n?/g, "\n")) return;
    setEnhanced(true);
  }, [text]);

  const invalid = !!meta.errors?.length;
  const hintId = hint ? `${meta.id}-hint` : null;
  const formatHintId = `${meta.id}-format-hint`;
  const describedBy = [hintId, formatHintId, invalid ? meta.errorId : null].filter(Boolean).join(" ");
  const labelId = `${meta.id}-label`;
  const formatName = `${meta.name}Format`;

  return (
    <div className={`field rich-text${invalid ? " field--invalid" : ""}`}>
      {enhanced ? (
        // The editable area is not a labelable element: it is named by aria-labelledby, and a
        // click on the label focuses it as it would a textarea.
        <label id={labelId} onClick={() => focusEditor.current?.()}>
          {label}
        </label>
      ) : (
        <label id={labelId} htmlFor={meta.id}>
          {label}
        </label>
      )}
      {hint ? (
        <p id={hintId!} className="hint">
          {hint}
        </p>
      ) : null}
      <p id={formatHintId} className="hint">
        {enhanced ? t("richText.editorHint") : t("richText.plainHint")}
      </p>
      {enhanced ? (
        <TiptapEditor
          id={meta.id}
          name={meta.name}
          formatName={formatName}
          initialHtml={html}
          labelId={labelId}
          describedBy={describedBy}
          invalid={invalid}
          onReady={(focus) => (focusEditor.current = focus)}
        />
      ) : (
        <>
          <input type="hidden" name={formatName} value="text" />
          <textarea
            ref={textarea}
            id={meta.id}
            name={meta.name}
            defaultValue={text}
            rows={rows}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            className="rich-text__plain"
          />
        </>
      )}
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}
